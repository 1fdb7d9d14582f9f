import type { DataSource } from 'typeorm';
import type { DomainEvent } from '@hazards/events/domain-event';
import { QUEUE_NAMES } from '@hazards/events/queues';
import type { MissingFiling } from '@hazards/persistence/filings/missing-filings';
import type { ChannelPreferenceResolver } from '../channels/channel-preference.resolver';
import { composeFilingReminder } from '../messages/filing-reminder.composer';
import type { MessageStore } from '../messages/message.store';
import { eventDraft, type MessageDraft } from '../messages/message.types';
import type { RecipientResolver } from '../recipients/recipient.resolver';
import { addNewsItems } from '@hazards/persistence/notifications/digest-news.repository';
import { eventConsumed, takeEventReceipt } from '@hazards/persistence/notifications/event-receipts.repository';
import { newsFor, newsItems } from '../recipients/news-audience';

/**
 * 统计报送提醒: a `filing.missing` event (one per enterprise and overdue period, emitted by the
 * daily schedule) becomes one message to each of the enterprise's users and its 主要负责人, and a
 * line in the next daily digest of its township's supervisors (one digest for all the enterprises
 * of the day, not a message each). Consumed once, like the immediate notices: the receipt, the
 * messages and the digest items commit together.
 */
export class FilingReminderConsumer {
  constructor(
    private readonly ds: DataSource,
    private readonly recipients: RecipientResolver,
    private readonly preferences: ChannelPreferenceResolver,
    private readonly store: MessageStore,
    private readonly baseUrl: string,
  ) {}

  async process(event: DomainEvent): Promise<{ recipients: number; enqueued: number }> {
    const filing = event.payload as unknown as MissingFiling;
    let recipients = 0;
    if (!(await eventConsumed(this.ds, event.eventId))) {
      const audience = await this.recipients.applyDelegation(
        await this.recipients.enterpriseContacts({ enterpriseId: filing.enterpriseId }),
        new Date(),
      );
      recipients = audience.length;
      const news = await newsFor(event, null, this.recipients, this.baseUrl);
      const drafts: MessageDraft[] = [];
      for (const r of audience) {
        const c = composeFilingReminder(filing, r, this.baseUrl);
        drafts.push(eventDraft('filing_reminder', event, r, null, c, await this.preferences.channelsFor(r)));
      }
      await this.store.transaction(async (m, insert) => {
        const first = await takeEventReceipt(m, {
          eventId: event.eventId,
          queue: QUEUE_NAMES.reminders,
          type: event.type,
          hazardId: event.hazardId,
        });
        if (!first) return;
        if (news) await addNewsItems(m, newsItems(event, news));
        await insert(drafts);
      });
    }
    return { recipients, enqueued: await this.store.enqueuePending({ eventId: event.eventId }) };
  }
}
