import type { EntityManager } from 'typeorm';
import type { ChannelName } from '@hazards/domain/notifications/channels';
import type { Recipient } from '../recipients/recipient.types';

/** One message on one channel, as the notifications consumer hands it over. */
export interface OutgoingMessage {
  deliveryKey: string;
  messageKey: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  hazardId: string | null;
  recipient: Recipient;
  data: Record<string, unknown>;
  target: Record<string, unknown>;
}

/**
 * Every channel behind one interface. A `transactional` channel writes to PostgreSQL inside the
 * consumer's transaction (the inbox), which makes it exactly once; the others talk to another
 * system and are recorded right after they succeed.
 */
export interface NotificationChannel {
  readonly name: ChannelName;
  readonly transactional: boolean;
  send(message: OutgoingMessage, tx?: EntityManager): Promise<void>;
  close?(): Promise<void>;
}

/** A failure worth the error text in the dead-letter queue: what the far side answered. */
export class ChannelError extends Error {
  constructor(
    readonly channel: ChannelName,
    message: string,
  ) {
    super(`[${channel}] ${message}`);
  }
}
