import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hostile input and abuse (issue 16):
 * - login_guards: the login lock per username, known or not (so an unknown name answers exactly
 *   like a locked one), with the attempts in flight counted before argon2 runs;
 * - refusal_counts: anonymous refusals and rate-limit answers counted per minute and source,
 *   instead of one sealed audit row each (authenticated refusals stay in audit_log);
 * - the lock moves off users (failed_logins, locked_until).
 */
export class AbuseBounds1764300700000 implements MigrationInterface {
  name = 'AbuseBounds1764300700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table login_guards (
        username text primary key,
        failed int not null default 0,
        in_flight int not null default 0,
        in_flight_at timestamptz,
        locked_until timestamptz,
        updated_at timestamptz not null default now()
      )`);
    await q.query(`
      create table refusal_counts (
        minute timestamptz not null,
        source_ip text not null,
        http_status int not null,
        code text not null,
        count bigint not null default 0,
        primary key (minute, source_ip, http_status, code)
      )`);
    await q.query('alter table users drop column failed_logins, drop column locked_until');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('alter table users add column failed_logins int not null default 0, add column locked_until timestamptz');
    await q.query('drop table refusal_counts');
    await q.query('drop table login_guards');
  }
}
