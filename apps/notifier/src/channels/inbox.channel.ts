import type { EntityManager } from 'typeorm';
import { ChannelError, type NotificationChannel, type OutgoingMessage } from './notification-channel';

/** 站内信: a row in inbox_messages, written in the same transaction that marks the delivery sent. */
export class InboxChannel implements NotificationChannel {
  readonly name = 'inbox' as const;
  readonly transactional = true;

  async send(msg: OutgoingMessage, tx?: EntityManager): Promise<void> {
    if (!tx) throw new ChannelError('inbox', 'needs the delivery transaction');
    const userId = msg.target.userId as string | undefined;
    if (!userId) throw new ChannelError('inbox', `收件人没有账号 / recipient ${msg.recipient.key} has no account`);
    await tx.query(
      `insert into inbox_messages (delivery_key, user_id, kind, title, body, link, hazard_id)
       values ($1,$2,$3,$4,$5,$6,$7) on conflict (delivery_key) do nothing`,
      [msg.deliveryKey, userId, msg.kind, msg.title, msg.body, msg.link, msg.hazardId],
    );
  }
}
