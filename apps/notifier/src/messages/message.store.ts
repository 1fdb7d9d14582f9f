import type { DataSource, EntityManager } from 'typeorm';
import { JOB_NAMES, QUEUE_NAMES, type DeliverJobData } from '@hazards/events/queues';
import { insertDelivery, insertMessage, unsentDeliveryKeys } from '@hazards/persistence/notifications/deliveries.repository';
import type { QueueRegistry } from '../queues/queue-registry';
import type { MessageDraft } from './message.types';

/** The job id of a delivery: its stable key with BullMQ's reserved ':' replaced. */
export const deliveryJobId = (deliveryKey: string) => `dlv|${deliveryKey.replaceAll(':', '|')}`;

/**
 * Messages and their per-channel deliveries. Keys are deterministic (event + recipient, or
 * recipient + day), so writing them again changes nothing; enqueueing again is harmless too
 * (same job ids, and the delivery's own status stops a second send).
 */
export class MessageStore {
  constructor(
    private readonly ds: DataSource,
    private readonly queues: QueueRegistry,
  ) {}

  /** Inside the caller's transaction, with whatever else the step writes. */
  async insert(m: EntityManager, drafts: MessageDraft[]): Promise<void> {
    for (const d of drafts) {
      const r = d.recipient;
      const messageId = await insertMessage(m, {
        messageKey: d.messageKey,
        kind: d.kind,
        recipientKey: r.key,
        recipient: r,
        userId: r.userId,
        hazardId: d.hazardId,
        eventId: d.eventId,
        title: d.title,
        body: d.body,
        link: d.link,
        data: d.data,
      });
      if (!messageId) continue;
      for (const c of d.channels) {
        await insertDelivery(m, { deliveryKey: `${d.messageKey}|${c.channel}`, messageId, channel: c.channel, target: c.target });
      }
    }
  }

  /** Puts every unsent delivery of these messages on the notifications queue. */
  async enqueuePending(where: { eventId?: string; messageKeys?: string[] }): Promise<number> {
    const rows = await unsentDeliveryKeys(this.ds, where);
    if (rows.length === 0) return 0;
    await this.queues.get(QUEUE_NAMES.notifications).addBulk(
      rows.map((r) => ({
        name: JOB_NAMES.deliver,
        data: { deliveryKey: r.delivery_key } satisfies DeliverJobData,
        opts: { jobId: deliveryJobId(r.delivery_key) },
      })),
    );
    return rows.length;
  }
}
