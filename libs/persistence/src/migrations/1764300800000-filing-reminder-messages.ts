import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notification messages of kind `filing_reminder` (统计报送提醒, sent by the notifier's daily
 * schedule). The list keeps `deadline_change` (the working-calendar migration's kind) so that this
 * migration, run after it, takes nothing away.
 */
export class FilingReminderMessages1764300800000 implements MigrationInterface {
  name = 'FilingReminderMessages1764300800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table notification_messages drop constraint notification_messages_kind_check`);
    await q.query(`alter table notification_messages add constraint notification_messages_kind_check
      check (kind in ('reminder_digest','escalation','accountability','closure','deadline_change','filing_reminder'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table notification_messages drop constraint notification_messages_kind_check`);
    await q.query(`alter table notification_messages add constraint notification_messages_kind_check
      check (kind in ('reminder_digest','escalation','accountability','closure','deadline_change'))`);
  }
}
