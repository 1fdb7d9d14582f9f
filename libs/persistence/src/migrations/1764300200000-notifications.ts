import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notifier's tables: channel preferences, consumed-event receipts, messages and their
 * per-channel deliveries (unique keys make every step idempotent), the in-app inbox, reminder
 * digests, accountability records (责任倒查) and dead letters.
 */
export class Notifications1764300200000 implements MigrationInterface {
  name = 'Notifications1764300200000';

  async up(q: QueryRunner): Promise<void> {
    // Which channels a user / enterprise / department / jurisdiction receives, and where to
    // (robot URL and secret, webhook URL and secret, e-mail override). Nearest scope wins.
    await q.query(`
      create table channel_preferences (
        id bigserial primary key,
        scope text not null check (scope in ('user','enterprise','department','jurisdiction')),
        scope_id text not null,
        channel text not null check (channel in ('inbox','email','dingtalk','wecom','webhook')),
        enabled boolean not null default true,
        target jsonb not null default '{}',
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint uq_channel_preferences unique (scope, scope_id, channel)
      )`);
    // A domain event a consumer has turned into messages: re-delivered jobs find it and only
    // re-enqueue what is still pending.
    await q.query(`
      create table notification_event_receipts (
        event_id text primary key,
        queue text not null,
        type text not null,
        hazard_id text not null,
        processed_at timestamptz not null default now()
      )`);
    await q.query(`
      create table notification_messages (
        id bigserial primary key,
        message_key text not null unique,
        kind text not null check (kind in ('reminder_digest','escalation','accountability','closure')),
        recipient_key text not null,
        recipient jsonb not null,
        user_id text,
        hazard_id text,
        event_id text,
        title text not null,
        body text not null,
        link text,
        data jsonb not null default '{}',
        created_at timestamptz not null default now()
      )`);
    await q.query(`create index ix_notification_messages_hazard on notification_messages (hazard_id)`);
    await q.query(`create index ix_notification_messages_recipient on notification_messages (recipient_key, created_at)`);
    // One row per message and channel. status: pending → sending → sent, or dead after the last
    // attempt. A retry that finds 'sending' knows the previous attempt died mid-send.
    await q.query(`
      create table notification_deliveries (
        id bigserial primary key,
        delivery_key text not null unique,
        message_id bigint not null references notification_messages(id),
        channel text not null,
        target jsonb not null default '{}',
        status text not null default 'pending' check (status in ('pending','sending','sent','dead')),
        attempts int not null default 0,
        crash_resends int not null default 0,
        last_error text,
        sent_at timestamptz,
        created_at timestamptz not null default now()
      )`);
    await q.query(`create index ix_notification_deliveries_message on notification_deliveries (message_id)`);
    await q.query(`create index ix_notification_deliveries_open on notification_deliveries (status) where status <> 'sent'`);
    await q.query(`
      create table inbox_messages (
        id bigserial primary key,
        delivery_key text not null unique,
        user_id text not null references users(id),
        kind text not null,
        title text not null,
        body text not null,
        link text,
        hazard_id text,
        created_at timestamptz not null default now(),
        read_at timestamptz
      )`);
    await q.query(`create index ix_inbox_user on inbox_messages (user_id, created_at desc)`);
    await q.query(`create index ix_inbox_unread on inbox_messages (user_id) where read_at is null`);
    await q.query(`
      create table reminder_digests (
        id bigserial primary key,
        recipient_key text not null,
        digest_date date not null,
        message_key text not null,
        item_count int not null,
        created_at timestamptz not null default now(),
        constraint uq_reminder_digest_day unique (recipient_key, digest_date)
      )`);
    // A reminder waiting for its recipient's next digest; unique per recipient and event so
    // nobody is reminded of the same thing twice.
    await q.query(`
      create table reminder_digest_items (
        id bigserial primary key,
        recipient_key text not null,
        recipient jsonb not null,
        event_id text not null,
        hazard_id text not null,
        deadline_kind text not null,
        due_at timestamptz not null,
        days_before int,
        created_at timestamptz not null default now(),
        digest_id bigint references reminder_digests(id),
        constraint uq_reminder_item unique (recipient_key, event_id)
      )`);
    await q.query(`create index ix_reminder_items_pending on reminder_digest_items (recipient_key) where digest_id is null`);
    await q.query(`
      create table accountability_records (
        id bigserial primary key,
        event_id text not null unique,
        hazard_id text not null,
        jurisdiction_path text not null,
        enterprise_id text not null,
        trigger text not null,
        heavier boolean not null default false,
        enterprise_responsible jsonb not null,
        department_responsible jsonb not null,
        timeline jsonb not null,
        detail jsonb not null default '{}',
        traced_at timestamptz not null,
        created_at timestamptz not null default now()
      )`);
    await q.query(`create index ix_accountability_path on accountability_records (jurisdiction_path text_pattern_ops, traced_at desc)`);
    await q.query(`
      create table notification_dead_letters (
        id bigserial primary key,
        queue text not null,
        job_id text not null,
        job_name text not null,
        data jsonb not null,
        error text not null,
        attempts_made int not null,
        failed_at timestamptz not null default now(),
        constraint uq_dead_letter_job unique (queue, job_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'notification_dead_letters',
      'accountability_records',
      'reminder_digest_items',
      'reminder_digests',
      'inbox_messages',
      'notification_deliveries',
      'notification_messages',
      'notification_event_receipts',
      'channel_preferences',
    ]) {
      await q.query(`drop table ${t}`);
    }
  }
}
