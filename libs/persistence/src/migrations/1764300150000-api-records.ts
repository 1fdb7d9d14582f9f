import { MigrationInterface, QueryRunner } from 'typeorm';

/** Audit log (logins, refusals, every mutating request), idempotency keys and evidence files. */
export class ApiRecords1764300150000 implements MigrationInterface {
  name = 'ApiRecords1764300150000';

  async up(q: QueryRunner): Promise<void> {
    // 等保 level 3 audit fields: time (UTC), user, event type, object, result, source address.
    await q.query(`
      create table audit_log (
        id bigserial primary key,
        at timestamptz not null default now(),
        user_id text,
        username text,
        event_type text not null,
        object_type text,
        object_id text,
        result text not null,
        http_status int,
        source_ip text,
        request_id text,
        detail jsonb not null default '{}'
      )`);
    await q.query(`create index ix_audit_log_user on audit_log (user_id, at)`);
    await q.query(`
      create table idempotency_keys (
        user_id text not null,
        key text not null,
        route text not null,
        request_hash text not null,
        status int,
        response jsonb,
        created_at timestamptz not null default now(),
        primary key (user_id, key)
      )`);
    await q.query(`
      create table evidence_files (
        id text primary key,
        hazard_id text not null,
        file_name text not null,
        content_type text not null,
        size_bytes bigint not null,
        sha256 text not null,
        storage_path text not null,
        uploaded_by text not null,
        uploaded_at timestamptz not null default now(),
        purpose text not null default 'evidence'
      )`);
    await q.query(`create index ix_evidence_hazard on evidence_files (hazard_id, uploaded_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table evidence_files');
    await q.query('drop table idempotency_keys');
    await q.query('drop table audit_log');
  }
}
