import type { DataSource, EntityManager } from 'typeorm';
import { JOB_NAMES, QUEUE_NAMES, type DeliverJobData } from '@hazards/events/queues';
import { insertDelivery, insertMessage, unsentDeliveryKeys } from '@hazards/persistence/notifications/deliveries.repository';
import type { ChannelName } from '@hazards/domain/notifications/channels';
import type { ChannelRegistry } from '../channels/channel-registry';
import { ChannelError, type OutgoingMessage } from '../channels/notification-channel';
import type { NotifierObserver } from '../metrics/notifier-metrics';
import type { QueueRegistry } from '../queues/queue-registry';
import type { MessageDraft } from './message.types';

/** A delivery sent inside the transaction that wrote it. */
interface SentHere {
  channel: ChannelName;
  kind: string;
}

/** Writes messages inside the transaction it was handed to. */
export type InsertMessages = (drafts: MessageDraft[]) => Promise<void>;

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
    /** The channels, to send the transactional ones in the writing transaction; without them every delivery is queued. */
    private readonly channels?: Pick<ChannelRegistry, 'get'>,
    private readonly observer?: Pick<NotifierObserver, 'sent'>,
  ) {}

  /**
   * Runs `work` in one transaction, which writes messages with `insert` alongside whatever else the
   * step writes. The sends made in it are counted (as the notifications consumer counts its own)
   * once it has committed, and not at all if it rolls back: nobody got those messages.
   */
  async transaction<T>(work: (m: EntityManager, insert: InsertMessages) => Promise<T>): Promise<T> {
    const sent: SentHere[] = [];
    const result = await this.ds.transaction((m) =>
      work(m, async (drafts) => {
        sent.push(...(await this.insert(m, drafts)));
      }),
    );
    for (const x of sent) this.observer?.sent(x.channel, x.kind);
    return result;
  }

  /**
   * Inside the caller's transaction, with whatever else the step writes. A transactional channel
   * (the inbox) is sent right here, in that transaction, and its delivery written as sent: exactly
   * once, with no job on the notifications queue (each such job cost the notifier, Redis and
   * PostgreSQL a round of their own). A send the channel refuses (a recipient without an account)
   * stays pending for the queue, which retries it and records it dead as before. Returns what was
   * sent, for `transaction` to count once it has committed.
   */
  private async insert(m: EntityManager, drafts: MessageDraft[]): Promise<SentHere[]> {
    const sent: SentHere[] = [];
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
        const deliveryKey = `${d.messageKey}|${c.channel}`;
        const here = await this.sendHere(m, c.channel, {
          deliveryKey,
          messageKey: d.messageKey,
          kind: d.kind,
          title: d.title,
          body: d.body,
          link: d.link,
          hazardId: d.hazardId,
          recipient: r,
          data: d.data,
          target: c.target,
        });
        await insertDelivery(m, { deliveryKey, messageId, channel: c.channel, target: c.target, sent: here });
        if (here) sent.push({ channel: c.channel, kind: d.kind });
      }
    }
    return sent;
  }

  private async sendHere(m: EntityManager, name: ChannelName, msg: OutgoingMessage): Promise<boolean> {
    const channel = this.channels?.get(name);
    if (!channel?.transactional) return false;
    try {
      await channel.send(msg, m);
      return true;
    } catch (err) {
      // Refused before writing anything (no account): left to the queue's retries and dead letters.
      if (err instanceof ChannelError) return false;
      throw err;
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
