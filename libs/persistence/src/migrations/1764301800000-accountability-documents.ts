import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 问责文书 (issue 18): numbered documents of a hazard (督办函, 停产整顿建议书, 挂牌/摘牌公告, 行政处罚决定书)
 * with their .docx bytes and SHA-256, the gap-free number sequences per issuing authority and year,
 * the authorities' 机关代字, public criticisms (通报批评) and the bulletins that carried them, resent
 * dead letters, digest items that are news rather than deadlines, and the new message kinds.
 */
export class AccountabilityDocuments1764301800000 implements MigrationInterface {
  name = 'AccountabilityDocuments1764301800000';

  async up(q: QueryRunner): Promise<void> {
    // 机关代字 of the authority at a jurisdiction node (e.g. 南通市 → 通安委办); without one a default is derived from the name.
    await q.query(`
      create table document_issuers (
        jurisdiction_id text primary key references jurisdictions(id),
        prefix text not null check (length(prefix) between 1 and 20),
        authority_name text not null check (length(authority_name) between 1 and 100)
      )`);
    // One row per issuer, mark and year; a number is taken in the transaction that stores its document, so a rollback takes it back.
    await q.query(`
      create table document_sequences (
        issuer_key text not null,
        year int not null,
        last_seq int not null,
        primary key (issuer_key, year)
      )`);
    await q.query(`
      create table hazard_documents (
        id uuid primary key,
        issue_key text not null unique,
        hazard_id text not null,
        kind text not null check (kind in ('supervision_letter','stoppage_recommendation','listing_notice','delisting_notice','penalty_decision')),
        number text not null unique,
        issuer_jurisdiction_id text not null,
        issuer_name text not null,
        year int not null,
        seq int not null,
        title text not null,
        jurisdiction_path text not null,
        issued_at timestamptz not null,
        issued_by jsonb not null,
        addressed_to jsonb not null default '[]',
        facts jsonb not null,
        public_fields jsonb,
        file_name text not null,
        content_type text not null,
        size_bytes int not null,
        sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
        content bytea not null,
        reply_due_at timestamptz,
        published_at timestamptz,
        created_at timestamptz not null default now()
      )`);
    await q.query(`create index ix_hazard_documents_hazard on hazard_documents (hazard_id, issued_at)`);
    await q.query(`create index ix_hazard_documents_path on hazard_documents (jurisdiction_path text_pattern_ops, issued_at desc)`);
    await q.query(`create index ix_hazard_documents_published on hazard_documents (published_at desc) where published_at is not null`);
    // A document is what it was when issued: only its publication date may be set, once.
    await q.query(`
      create function hazard_documents_refuse_change() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then raise exception 'hazard_documents are never deleted'; end if;
        if old.published_at is not null or new.published_at is null
           or (to_jsonb(new) - 'published_at') <> (to_jsonb(old) - 'published_at') then
          raise exception 'a hazard document is immutable once issued (only published_at may be set, once)';
        end if;
        return new;
      end $$`);
    await q.query(`create trigger trg_hazard_documents_immutable before update or delete on hazard_documents
      for each row execute function hazard_documents_refuse_change()`);

    // 通报: each issued bulletin, numbered, with what it carried.
    await q.query(`
      create table bulletin_issues (
        id uuid primary key,
        number text not null unique,
        jurisdiction_id text not null references jurisdictions(id),
        jurisdiction_path text not null,
        period_from timestamptz,
        period_to timestamptz,
        title text not null,
        issued_at timestamptz not null default now(),
        issued_by jsonb not null,
        sha256 text not null,
        model jsonb not null
      )`);
    // 通报批评: written by the notifier when the ladder's criticism stage fires; carried by the next bulletin of its issuer (or above).
    await q.query(`
      create table public_criticisms (
        id bigserial primary key,
        event_id text not null unique,
        hazard_id text not null,
        hazard_path text not null,
        issuer_jurisdiction_id text not null,
        issuer_path text not null,
        subjects jsonb not null,
        reason text not null,
        stage int,
        decided_at timestamptz not null,
        bulletin_id uuid references bulletin_issues(id),
        carried_at timestamptz,
        created_at timestamptz not null default now()
      )`);
    await q.query(
      `create index ix_public_criticisms_pending on public_criticisms (issuer_path text_pattern_ops) where bulletin_id is null`,
    );

    await q.query(
      `alter table notification_dead_letters add column resend_count int not null default 0, add column resent_at timestamptz, add column resent_by text`,
    );
    // A digest item that is news (listed, closed, filing missing) rather than a deadline: what to say, kept with it.
    await q.query(`alter table reminder_digest_items add column info jsonb`);
    await q.query(`alter table notification_messages drop constraint notification_messages_kind_check`);
    await q.query(`alter table notification_messages add constraint notification_messages_kind_check
      check (kind in ('reminder_digest','escalation','accountability','closure','deadline_change','filing_reminder','notice','document','interview'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table notification_messages drop constraint notification_messages_kind_check`);
    await q.query(`alter table notification_messages add constraint notification_messages_kind_check
      check (kind in ('reminder_digest','escalation','accountability','closure','deadline_change','filing_reminder'))`);
    await q.query(`alter table reminder_digest_items drop column info`);
    await q.query(`alter table notification_dead_letters drop column resend_count, drop column resent_at, drop column resent_by`);
    await q.query(`drop table public_criticisms`);
    await q.query(`drop table bulletin_issues`);
    await q.query(`drop table hazard_documents`);
    await q.query(`drop function hazard_documents_refuse_change()`);
    await q.query(`drop table document_sequences`);
    await q.query(`drop table document_issuers`);
  }
}
