import type { DataSource } from 'typeorm';
import type { ChannelName } from '@hazards/domain/notifications/channels';
import type { ChannelRegistry } from '../channels/channel-registry';
import type { OutgoingMessage } from '../channels/notification-channel';
import type { NotifierObserver } from '../metrics/notifier-metrics';
import type { Recipient } from '../recipients/recipient.types';

interface DeliveryRow {
  id: string;
  delivery_key: string;
  channel: ChannelName;
  target: Record<string, unknown>;
  status: string;
  message_key: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  hazard_id: string | null;
  recipient: Recipient;
  data: Record<string, unknown>;
}

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
    const [row] = (await this.ds.query(
      `select d.id, d.delivery_key, d.channel, d.target, d.status, m.message_key, m.kind, m.title, m.body, m.link, m.hazard_id, m.recipient, m.data
         from notification_deliveries d join notification_messages m on m.id = d.message_id where d.delivery_key = $1`,
      [deliveryKey],
    )) as DeliveryRow[];
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
        const [locked] = (await m.query(`select status from notification_deliveries where id = $1 for update`, [row.id])) as {
          status: string;
        }[];
        if (locked.status === 'sent') return false;
        await channel.send(msg, m);
        await m.query(
          `update notification_deliveries set status = 'sent', attempts = attempts + 1, sent_at = now(), last_error = null where id = $1`,
          [row.id],
        );
        return true;
      });
      if (sent) this.observer?.sent(row.channel, row.kind);
      return 'sent';
    }
    await this.ds.query(
      `update notification_deliveries set status = 'sending', attempts = attempts + 1, crash_resends = crash_resends + $2 where id = $1`,
      [row.id, crashed ? 1 : 0],
    );
    try {
      await channel.send(msg);
    } catch (err) {
      await this.ds.query(`update notification_deliveries set status = 'pending', last_error = $2 where id = $1 and status <> 'sent'`, [
        row.id,
        err instanceof Error ? err.message : String(err),
      ]);
      throw err;
    }
    await this.ds.query(`update notification_deliveries set status = 'sent', sent_at = now(), last_error = null where id = $1`, [row.id]);
    this.observer?.sent(row.channel, row.kind);
    return crashed ? 'resent_after_crash' : 'sent';
  }

  /** After the last attempt: the delivery is dead (an admin sees it in the dead-letter queue). */
  async markDead(deliveryKey: string, error: string): Promise<void> {
    await this.ds.query(
      `update notification_deliveries set status = 'dead', last_error = $2 where delivery_key = $1 and status <> 'sent'`,
      [deliveryKey, error],
    );
  }
}
