import type { DataSource, EntityManager } from 'typeorm';
import { JOB_NAMES, QUEUE_NAMES, type DeliverJobData } from '@hazards/events/queues';
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
      const inserted: { id: string }[] = await m.query(
        `insert into notification_messages (message_key, kind, recipient_key, recipient, user_id, hazard_id, event_id, title, body, link, data)
         values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) on conflict (message_key) do nothing returning id`,
        [d.messageKey, d.kind, r.key, JSON.stringify(r), r.userId, d.hazardId, d.eventId, d.title, d.body, d.link, JSON.stringify(d.data)],
      );
      if (!inserted[0]) continue;
      for (const c of d.channels) {
        await m.query(
          `insert into notification_deliveries (delivery_key, message_id, channel, target) values ($1,$2,$3,$4) on conflict (delivery_key) do nothing`,
          [`${d.messageKey}|${c.channel}`, inserted[0].id, c.channel, JSON.stringify(c.target)],
        );
      }
    }
  }

  /** Puts every unsent delivery of these messages on the notifications queue. */
  async enqueuePending(where: { eventId?: string; messageKeys?: string[] }): Promise<number> {
    const rows: { delivery_key: string }[] = where.eventId
      ? await this.ds.query(
          `select d.delivery_key from notification_deliveries d join notification_messages m on m.id = d.message_id
            where m.event_id = $1 and d.status in ('pending','sending') order by d.id`,
          [where.eventId],
        )
      : await this.ds.query(
          `select d.delivery_key from notification_deliveries d join notification_messages m on m.id = d.message_id
            where m.message_key = any($1::text[]) and d.status in ('pending','sending') order by d.id`,
          [where.messageKeys ?? []],
        );
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
