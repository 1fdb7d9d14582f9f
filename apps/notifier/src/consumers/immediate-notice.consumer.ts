import type { DataSource } from 'typeorm';
import type { DomainEvent } from '@hazards/events/domain-event';
import type { QueueName } from '@hazards/events/queues';
import type { AccountabilityRecordWriter } from '../accountability/accountability-record.writer';
import { isCriticism, writeCriticism } from '../accountability/criticism.writer';
import type { ChannelPreferenceResolver } from '../channels/channel-preference.resolver';
import { loadHazardContext } from '../messages/hazard-context.loader';
import { composeEventMessage } from '../messages/message-composer';
import type { MessageStore } from '../messages/message.store';
import type { NotifierObserver } from '../metrics/notifier-metrics';
import { eventDraft, type MessageDraft, type MessageKind } from '../messages/message.types';
import { addNewsItems } from '@hazards/persistence/notifications/digest-news.repository';
import { eventConsumed, takeEventReceipt } from '@hazards/persistence/notifications/event-receipts.repository';
import { audienceFor } from '../recipients/audience';
import { newsFor, newsItems } from '../recipients/news-audience';
import type { RecipientResolver } from '../recipients/recipient.resolver';

const KIND: Partial<Record<DomainEvent['type'], MessageKind>> = {
  'escalation.raised': 'escalation',
  'accountability.traced': 'accountability',
  'closure.recommended': 'closure',
  'hazard.deadlines_recomputed': 'deadline_change',
  'hazard.withdrawn': 'escalation', // told at once to the level above, like an escalation
  // Issue 18: a listing and a sign-off (with their notices), a document issued on demand, an interview summoned.
  'hazard.listed': 'notice',
  'hazard.closed': 'notice',
  'document.issued': 'document',
  'interview.scheduled': 'interview',
};

/**
 * Escalations, accountability, closure proposals and re-planned deadlines go out at once (no digest). The event is
 * consumed once: a receipt row, the accountability record and the messages are written in one
 * transaction; a re-delivered job finds the receipt and only re-enqueues unsent deliveries.
 */
export class ImmediateNoticeConsumer {
  constructor(
    private readonly ds: DataSource,
    private readonly recipients: RecipientResolver,
    private readonly preferences: ChannelPreferenceResolver,
    private readonly store: MessageStore,
    private readonly accountability: AccountabilityRecordWriter,
    private readonly baseUrl: string,
    private readonly observer?: Pick<NotifierObserver, 'escalationConsumed'>,
  ) {}

  async process(queue: QueueName, event: DomainEvent): Promise<{ recipients: number; enqueued: number }> {
    const kind = KIND[event.type];
    if (!kind) return { recipients: 0, enqueued: 0 };
    let recipients = 0;
    if (!(await eventConsumed(this.ds, event.eventId))) {
      const h = await loadHazardContext(this.ds, event.hazardId);
      const audience = await this.recipients.applyDelegation(await audienceFor(event, h, this.recipients), new Date());
      // A listing or a sign-off also goes to the level above, in its next daily digest (issue 18).
      const news = await newsFor(event, h, this.recipients, this.baseUrl);
      recipients = audience.length;
      const drafts: MessageDraft[] = [];
      for (const r of audience) {
        const c = composeEventMessage(event, h, r, this.baseUrl);
        drafts.push(eventDraft(kind, event, r, h.id, c, await this.preferences.channelsFor(r)));
      }
      const consumed = await this.store.transaction(async (m, insert) => {
        const first = await takeEventReceipt(m, { eventId: event.eventId, queue, type: event.type, hazardId: event.hazardId });
        if (!first) return false; // another notifier consumed it meanwhile
        if (event.type === 'accountability.traced') await this.accountability.write(m, event, h, audience);
        // 通报批评: recorded for the next bulletin of the criticising jurisdiction to carry.
        if (isCriticism(event)) await writeCriticism(m, event, h);
        if (news) await addNewsItems(m, newsItems(event, news));
        await insert(drafts);
        return true;
      });
      if (consumed) this.observer?.escalationConsumed(event);
    }
    return { recipients, enqueued: await this.store.enqueuePending({ eventId: event.eventId }) };
  }
}
