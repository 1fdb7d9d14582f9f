import { MigrationInterface, QueryRunner } from 'typeorm';

/** The hazard read model, its append-only history and the outbox. */
export class HazardReadModel1764300000000 implements MigrationInterface {
  name = 'HazardReadModel1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table hazards (
        id text primary key,
        status text not null,
        grade text,
        listing_level text,
        enterprise_id text not null,
        jurisdiction_path text not null,
        city_id text, county_id text, township_id text, grid_id text,
        source text not null,
        description text not null,
        industry text,
        accident_type text,
        reported_at timestamptz not null,
        current_deadline timestamptz,
        rectification_deadline timestamptz,
        escalation_stage int not null default 0,
        extension_count int not null default 0,
        rejection_count int not null default 0,
        production_stopped boolean not null default false,
        heavier_accountability boolean not null default false,
        closed_at timestamptz,
        policy_version text not null,
        last_seq int not null,
        detail jsonb not null default '{}',
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    // Subtree filters are prefix matches on the path; overdue boards read open hazards by deadline.
    await q.query(`create index ix_hazards_jurisdiction_path on hazards (jurisdiction_path text_pattern_ops)`);
    // Lists are scoped by the caller's node (one id column per level). The partial indexes serve
    // the overdue boards ordered by deadline; the others the default newest-first lists.
    for (const level of ['city', 'county', 'township']) {
      await q.query(
        `create index ix_hazards_${level}_open_deadline on hazards (${level}_id, rectification_deadline, id) where status not in ('closed','withdrawn')`,
      );
      await q.query(`create index ix_hazards_${level}_reported on hazards (${level}_id, reported_at, id)`);
    }
    await q.query(`create index ix_hazards_enterprise on hazards (enterprise_id, reported_at)`);
    await q.query(`create index ix_hazards_status on hazards (status)`);
    await q.query(`
      create table hazard_history (
        id bigserial primary key,
        hazard_id text not null,
        seq int not null,
        step text not null,
        actor_id text not null,
        actor_role text not null,
        actor jsonb not null,
        at timestamptz not null,
        from_status text,
        to_status text not null,
        reason text,
        policy_version text not null,
        data jsonb not null,
        recorded_at timestamptz not null default now(),
        constraint uq_hazard_history_step unique (hazard_id, seq)
      )`);
    await q.query(`
      create table outbox_events (
        id bigserial primary key,
        event_id text not null unique,
        type text not null,
        hazard_id text not null,
        occurred_at timestamptz not null,
        policy_version text not null,
        payload jsonb not null,
        created_at timestamptz not null default now(),
        published_at timestamptz
      )`);
    await q.query(`create index ix_outbox_unpublished on outbox_events (id) where published_at is null`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table outbox_events');
    await q.query('drop table hazard_history');
    await q.query('drop table hazards');
  }
}
