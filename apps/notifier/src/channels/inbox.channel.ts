import type { EntityManager } from 'typeorm';
import { insertInboxMessage } from '@hazards/persistence/notifications/inbox.repository';
import { ChannelError, type NotificationChannel, type OutgoingMessage } from './notification-channel';

/** 站内信: a row in inbox_messages, written in the same transaction that marks the delivery sent. */
export class InboxChannel implements NotificationChannel {
  readonly name = 'inbox' as const;
  readonly transactional = true;

  async send(msg: OutgoingMessage, tx?: EntityManager): Promise<void> {
    if (!tx) throw new ChannelError('inbox', 'needs the delivery transaction');
    const userId = msg.target.userId as string | undefined;
    if (!userId) throw new ChannelError('inbox', `收件人没有账号 / recipient ${msg.recipient.key} has no account`);
    await insertInboxMessage(tx, {
      deliveryKey: msg.deliveryKey,
      userId,
      kind: msg.kind,
      title: msg.title,
      body: msg.body,
      link: msg.link,
      hazardId: msg.hazardId,
    });
  }
}
