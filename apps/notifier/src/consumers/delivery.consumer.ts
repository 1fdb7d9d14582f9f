import type { DataSource } from 'typeorm';
import type { ChannelName } from '@hazards/domain/notifications/channels';
import {
  deliveryByKey,
  lockDeliveryStatus,
  markDeliveryDead,
  markSendFailed,
  markSending,
  markSent,
  markSentInTransaction,
} from '@hazards/persistence/notifications/deliveries.repository';
import type { ChannelRegistry } from '../channels/channel-registry';
import type { OutgoingMessage } from '../channels/notification-channel';
import type { NotifierObserver } from '../metrics/notifier-metrics';
import type { Recipient } from '../recipients/recipient.types';

export type DeliveryOutcome = 'sent' | 'already_sent' | 'resent_after_crash';

/**
 * Sends one delivery, at most once as far as PostgreSQL can tell:
 * 1. claim it: status 'sending' (committed), counting the attempt;
 * 2. send; the inbox writes its row in the same transaction as step 3, so it is exactly once;
 * 3. mark it 'sent' (unique delivery key).
 * A job re-delivered after 3 does nothing. A job that finds 'sending' knows an earlier attempt
 * died between 1 and 3: it may or may not have reached the far side, so it sends again with the
 * same delivery id / Message-ID (at-least-once; receivers can drop it) and counts a crash resend.
 * A send that fails sets the status back to 'pending' with the error, for the retry.
 */
export class DeliveryConsumer {
  constructor(
    private readonly ds: DataSource,
    private readonly channels: ChannelRegistry,
    private readonly observer?: Pick<NotifierObserver, 'sent'>,
  ) {}

  async process(deliveryKey: string): Promise<DeliveryOutcome> {
    const row = await deliveryByKey<ChannelName, Recipient>(this.ds, deliveryKey);
    if (!row) throw new Error(`delivery ${deliveryKey} not found`);
    if (row.status === 'sent') return 'already_sent';
    const crashed = row.status === 'sending';
    const channel = this.channels.get(row.channel);
    const msg: OutgoingMessage = {
      deliveryKey: row.delivery_key,
      messageKey: row.message_key,
      kind: row.kind,
      title: row.title,
      body: row.body,
      link: row.link,
      hazardId: row.hazard_id,
      recipient: row.recipient,
      data: row.data,
      target: row.target,
    };
    if (channel.transactional) {
      const sent = await this.ds.transaction(async (m) => {
        if ((await lockDeliveryStatus(m, row.id)) === 'sent') return false;
        await channel.send(msg, m);
        await markSentInTransaction(m, row.id);
        return true;
      });
      if (sent) this.observer?.sent(row.channel, row.kind);
      return 'sent';
    }
    await markSending(this.ds, row.id, crashed);
    try {
      await channel.send(msg);
    } catch (err) {
      await markSendFailed(this.ds, row.id, err instanceof Error ? err.message : String(err));
      throw err;
    }
    await markSent(this.ds, row.id);
    this.observer?.sent(row.channel, row.kind);
    return crashed ? 'resent_after_crash' : 'sent';
  }

  /** After the last attempt: the delivery is dead (an admin sees it in the dead-letter queue). */
  async markDead(deliveryKey: string, error: string): Promise<void> {
    await markDeliveryDead(this.ds, deliveryKey, error);
  }
}
