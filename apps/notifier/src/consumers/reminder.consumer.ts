import type { DataSource } from 'typeorm';
import type { DomainEvent } from '@hazards/events/domain-event';
import { loadHazardContext } from '../messages/hazard-context.loader';
import { audienceFor } from '../recipients/audience';
import type { RecipientResolver } from '../recipients/recipient.resolver';

/**
 * reminder.due is not sent on its own: each recipient gets a digest item, unique on
 * (recipient, event), that the next daily digest gathers. Delegation is applied when the digest
 * is composed, since that is when the message actually reaches someone.
 */
export class ReminderConsumer {
  constructor(
    private readonly ds: DataSource,
    private readonly recipients: RecipientResolver,
  ) {}

  async process(event: DomainEvent): Promise<{ items: number }> {
    const seen = await this.ds.query(`select 1 from notification_event_receipts where event_id = $1`, [event.eventId]);
    if (seen.length > 0) return { items: 0 };
    const p = event.payload as { deadline?: string; dueAt?: string; daysBefore?: number | null };
    if (!p.dueAt) throw new Error(`reminder ${event.eventId} has no dueAt`);
    const h = await loadHazardContext(this.ds, event.hazardId);
    const audience = await audienceFor(event, h, this.recipients);
    return this.ds.transaction(async (m) => {
      const first: unknown[] = await m.query(
        `insert into notification_event_receipts (event_id, queue, type, hazard_id) values ($1,'reminders',$2,$3) on conflict (event_id) do nothing returning event_id`,
        [event.eventId, event.type, event.hazardId],
      );
      if (first.length === 0) return { items: 0 };
      for (const r of audience) {
        await m.query(
          `insert into reminder_digest_items (recipient_key, recipient, event_id, hazard_id, deadline_kind, due_at, days_before)
           values ($1,$2,$3,$4,$5,$6,$7) on conflict (recipient_key, event_id) do nothing`,
          [r.key, JSON.stringify(r), event.eventId, event.hazardId, p.deadline ?? 'rectification', p.dueAt, p.daysBefore ?? null],
        );
      }
      return { items: audience.length };
    });
  }
}
