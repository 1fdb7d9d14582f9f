import type { DataSource } from 'typeorm';
import type { DomainEvent } from '@hazards/events/domain-event';
import { QUEUE_NAMES } from '@hazards/events/queues';
import { addReminderItem } from '@hazards/persistence/notifications/digests.repository';
import { eventConsumed, takeEventReceipt } from '@hazards/persistence/notifications/event-receipts.repository';
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
    if (await eventConsumed(this.ds, event.eventId)) return { items: 0 };
    const p = event.payload as { deadline?: string; dueAt?: string; daysBefore?: number | null };
    const dueAt = p.dueAt;
    if (!dueAt) throw new Error(`reminder ${event.eventId} has no dueAt`);
    const h = await loadHazardContext(this.ds, event.hazardId);
    const audience = await audienceFor(event, h, this.recipients);
    return this.ds.transaction(async (m) => {
      const first = await takeEventReceipt(m, {
        eventId: event.eventId,
        queue: QUEUE_NAMES.reminders,
        type: event.type,
        hazardId: event.hazardId,
      });
      if (!first) return { items: 0 };
      for (const r of audience) {
        await addReminderItem(m, {
          recipientKey: r.key,
          recipient: r,
          eventId: event.eventId,
          hazardId: event.hazardId,
          deadlineKind: p.deadline ?? 'rectification',
          dueAt,
          daysBefore: p.daysBefore ?? null,
        });
      }
      return { items: audience.length };
    });
  }
}
