import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 政策推演 runs: who asked for which jurisdiction and period under which proposed policy, how far
 * the replay has come, and the report when it is done. The report is kept so it can be fetched
 * again (Markdown, .docx, JSON) without replaying.
 */
export class PolicySimulations1764300900000 implements MigrationInterface {
  name = 'PolicySimulations1764300900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create table simulation_runs (
      id uuid primary key,
      requested_by text not null,
      jurisdiction_id text not null,
      period_from timestamptz not null,
      period_to timestamptz not null,
      policy jsonb not null,
      status text not null check (status in ('queued','running','succeeded','failed')),
      progress jsonb not null default '{}',
      report jsonb,
      error jsonb,
      created_at timestamptz not null default now(),
      -- The running API touches its unfinished runs; one whose process died stops being touched.
      heartbeat_at timestamptz not null default now(),
      finished_at timestamptz
    )`);
    await q.query(`create index simulation_runs_requested_by on simulation_runs (requested_by, created_at desc)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table simulation_runs`);
  }
}
