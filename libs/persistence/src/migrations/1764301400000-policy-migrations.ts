import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 策略迁移 runs (`npm run cli -- policy migrate`, `POST /admin/policy-migrations`): who moved which
 * running hazards from which policy version to which, and what became of each hazard. A hazard is
 * claimed (`pending`) before its update is sent, so a run killed mid-way resumes exactly where it
 * stopped; the primary key keeps one result per hazard and run.
 */
export class PolicyMigrations1764301400000 implements MigrationInterface {
  name = 'PolicyMigrations1764301400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table policy_migrations (
        id uuid primary key,
        from_version text,
        to_version text not null,
        jurisdiction_id text,
        reason text not null,
        requested_by text not null,
        requested_by_name text not null,
        via text not null check (via in ('api','cli')),
        status text not null check (status in ('running','completed')),
        started_at timestamptz not null default now(),
        finished_at timestamptz,
        counts jsonb not null default '{}'
      )`);
    // One unfinished run per target and selection: a second request resumes it.
    await q.query(`create unique index policy_migrations_one_running
      on policy_migrations (to_version, coalesce(from_version, ''), coalesce(jurisdiction_id, '')) where status = 'running'`);
    await q.query(`
      create table policy_migration_hazards (
        migration_id uuid not null references policy_migrations(id),
        hazard_id text not null,
        from_version text not null,
        result text not null check (result in ('pending','migrated','already_current','closed','refused')),
        seq int,
        detail jsonb not null default '{}',
        updated_at timestamptz not null default now(),
        primary key (migration_id, hazard_id)
      )`);
    await q.query(`create index policy_migration_hazards_pending on policy_migration_hazards (migration_id) where result = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table policy_migration_hazards');
    await q.query('drop table policy_migrations');
  }
}
