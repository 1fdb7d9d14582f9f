import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statistics and bulk intake: listing quotas (as data), inspection campaigns (大检查) with plans,
 * groups, inspectors and inspections, the hazard → inspection link, enterprise statistics
 * filings (季报/年报, signed by the 主要负责人), and hazard import jobs with their rows and keys.
 */
export class Statistics1764300400000 implements MigrationInterface {
  name = 'Statistics1764300400000';

  async up(q: QueryRunner): Promise<void> {
    // ---- quotas: a rule by jurisdiction kind (e.g. every 县 ≥ 30 a year), or a number for one
    // jurisdiction and year, which wins over the rule.
    await q.query(`
      create table listing_quota_rules (
        id bigserial primary key,
        scope_jurisdiction_id text references jurisdictions(id),
        jurisdiction_kind text not null,
        year_from int not null,
        year_to int,
        min_listed int not null check (min_listed >= 0),
        basis text not null,
        created_at timestamptz not null default now()
      )`);
    await q.query(`
      create table listing_quotas (
        jurisdiction_id text not null references jurisdictions(id),
        year int not null,
        min_listed int not null check (min_listed >= 0),
        basis text,
        created_at timestamptz not null default now(),
        primary key (jurisdiction_id, year)
      )`);
    // The seed bulletin's policy (南通, 2016): each county-level government (县、县级市) lists at
    // least 30 major hazards a year, each district (区) at least 25. Data, to be corrected as data.
    const basis = '市政府要求各县（市）政府挂牌督办重大事故隐患总数不少于30个，区政府不少于25个';
    await q.query(
      `insert into listing_quota_rules (jurisdiction_kind, year_from, min_listed, basis)
       values ('县', 2016, 30, $1), ('县级市', 2016, 30, $1), ('区', 2016, 25, $1)`,
      [basis],
    );

    // ---- inspection campaigns (安全生产大检查)
    await q.query(`
      create table inspection_campaigns (
        id text primary key,
        name text not null,
        jurisdiction_id text not null references jurisdictions(id),
        starts_on date not null,
        ends_on date not null,
        created_by text not null,
        created_at timestamptz not null default now(),
        check (ends_on >= starts_on)
      )`);
    await q.query(`
      create table inspection_plans (
        id text primary key,
        campaign_id text not null references inspection_campaigns(id),
        jurisdiction_id text not null references jurisdictions(id),
        title text not null,
        created_by text not null,
        created_at timestamptz not null default now()
      )`);
    await q.query(`create index ix_inspection_plans_campaign on inspection_plans (campaign_id)`);
    await q.query(`
      create table inspection_groups (
        id text primary key,
        campaign_id text not null references inspection_campaigns(id),
        jurisdiction_id text not null references jurisdictions(id),
        name text not null,
        leader_name text,
        created_at timestamptz not null default now()
      )`);
    await q.query(`create index ix_inspection_groups_campaign on inspection_groups (campaign_id)`);
    await q.query(`
      create table inspectors (
        id text primary key,
        group_id text not null references inspection_groups(id),
        name text not null,
        organization text,
        user_id text references users(id),
        created_at timestamptz not null default now()
      )`);
    await q.query(`create index ix_inspectors_group on inspectors (group_id)`);
    // One visit to one enterprise (or one self-inspection, kind 企业自查, without a group).
    await q.query(`
      create table inspections (
        id text primary key,
        campaign_id text not null references inspection_campaigns(id),
        group_id text references inspection_groups(id),
        enterprise_id text not null references enterprises(id),
        inspected_on date not null,
        kind text not null,
        findings text not null default '',
        inspector_ids text[] not null default '{}',
        created_by text not null,
        created_at timestamptz not null default now()
      )`);
    await q.query(`create index ix_inspections_campaign on inspections (campaign_id, kind)`);
    await q.query(`create index ix_inspections_enterprise on inspections (enterprise_id)`);
    // The inspection that found a hazard. The workflow's projection never writes this column.
    await q.query(`alter table hazards add column inspection_id text references inspections(id)`);
    await q.query(`create index ix_hazards_inspection on hazards (inspection_id) where inspection_id is not null`);

    // ---- enterprise statistics filings (order 16: quarterly by the 15th of the following month,
    // annual by 31 January), signed by the 主要负责人.
    await q.query(`
      create table enterprise_filings (
        id text primary key,
        enterprise_id text not null references enterprises(id),
        period_kind text not null check (period_kind in ('quarter','annual')),
        period text not null,
        year int not null,
        quarter int check (quarter between 1 and 4),
        due_on date not null,
        figures jsonb not null,
        signed_by_name text not null,
        signed_at timestamptz not null,
        filed_by text not null,
        filed_at timestamptz not null default now(),
        late boolean not null,
        constraint uq_enterprise_filing unique (enterprise_id, period)
      )`);
    // One reminder per enterprise and period, however often the check runs.
    await q.query(`
      create table filing_reminders (
        enterprise_id text not null references enterprises(id),
        period text not null,
        due_on date not null,
        event_id text not null,
        created_at timestamptz not null default now(),
        primary key (enterprise_id, period)
      )`);

    // ---- bulk intake
    await q.query(`
      create table hazard_imports (
        id text primary key,
        file_name text not null,
        sha256 text not null,
        stored_path text not null,
        uploaded_by text not null,
        actor jsonb not null,
        status text not null check (status in ('queued','running','done','failed')),
        phase text not null default 'queued',
        total_rows int,
        rows_done int not null default 0,
        valid_rows int not null default 0,
        invalid_rows int not null default 0,
        registered_rows int not null default 0,
        already_registered_rows int not null default 0,
        file_errors jsonb not null default '[]',
        error text,
        created_at timestamptz not null default now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await q.query(`create index ix_hazard_imports_user on hazard_imports (uploaded_by, created_at desc)`);
    // Every row of every import, with its raw cells and its outcome.
    await q.query(`
      create table hazard_import_rows (
        import_id text not null references hazard_imports(id),
        row_number int not null,
        row_key text,
        hazard_id text,
        outcome text not null check (outcome in ('registered','already_registered','invalid','failed')),
        cells jsonb not null,
        errors jsonb not null default '[]',
        primary key (import_id, row_number)
      )`);
    await q.query(
      `create index ix_hazard_import_rows_invalid on hazard_import_rows (import_id, row_number) where outcome in ('invalid','failed')`,
    );
    // The stable key of a row (its 外部编号, or a hash of its content) → the one hazard it registered.
    await q.query(`
      create table hazard_import_keys (
        row_key text primary key,
        hazard_id text not null unique,
        import_id text not null references hazard_imports(id),
        row_number int not null,
        registered_at timestamptz not null default now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['hazard_import_keys', 'hazard_import_rows', 'hazard_imports', 'filing_reminders', 'enterprise_filings']) {
      await q.query(`drop table ${t}`);
    }
    await q.query('alter table hazards drop column inspection_id');
    for (const t of [
      'inspections',
      'inspectors',
      'inspection_groups',
      'inspection_plans',
      'inspection_campaigns',
      'listing_quotas',
      'listing_quota_rules',
    ]) {
      await q.query(`drop table ${t}`);
    }
  }
}
