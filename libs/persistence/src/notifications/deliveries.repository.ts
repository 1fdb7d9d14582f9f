import type { DataSource, EntityManager } from 'typeorm';

/*
 * Notification messages and their per-channel deliveries (`notification_messages`,
 * `notification_deliveries`). Keys are deterministic, so writing a message again changes nothing;
 * a delivery's status is what stops a second send.
 */

/** A message row to write, once per message key. */
export interface NewMessage {
  messageKey: string;
  kind: string;
  recipientKey: string;
  /** The recipient as resolved (JSON). */
  recipient: unknown;
  userId: string | null;
  hazardId: string | null;
  eventId: string | null;
  title: string;
  body: string;
  link: string | null;
  data: unknown;
}

/** A delivery as the sender reads it: the delivery and its message. */
export interface DeliveryRow<Channel extends string = string, Recipient = unknown> {
  id: string;
  delivery_key: string;
  channel: Channel;
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

/** Inside the caller's transaction: the message's id, or undefined when it was written before. */
export async function insertMessage(m: EntityManager, msg: NewMessage): Promise<string | undefined> {
  const inserted: { id: string }[] = await m.query(
    `insert into notification_messages (message_key, kind, recipient_key, recipient, user_id, hazard_id, event_id, title, body, link, data)
         values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) on conflict (message_key) do nothing returning id`,
    [
      msg.messageKey,
      msg.kind,
      msg.recipientKey,
      JSON.stringify(msg.recipient),
      msg.userId,
      msg.hazardId,
      msg.eventId,
      msg.title,
      msg.body,
      msg.link,
      JSON.stringify(msg.data),
    ],
  );
  return inserted[0]?.id;
}

/**
 * Inside the caller's transaction, once per delivery key: pending (for the notifications queue), or
 * `sent` when the caller sent it in this same transaction (the inbox), counting that attempt.
 */
export async function insertDelivery(
  m: EntityManager,
  d: { deliveryKey: string; messageId: string; channel: string; target: unknown; sent?: boolean },
): Promise<void> {
  await m.query(
    `insert into notification_deliveries (delivery_key, message_id, channel, target, status, attempts, sent_at)
     values ($1,$2,$3,$4,$5,$6, case when $5 = 'sent' then now() end) on conflict (delivery_key) do nothing`,
    [d.deliveryKey, d.messageId, d.channel, JSON.stringify(d.target), d.sent ? 'sent' : 'pending', d.sent ? 1 : 0],
  );
}

/** The unsent deliveries (pending, or sending when an attempt died) of an event's messages, or of the messages with these keys. */
export function unsentDeliveryKeys(
  ds: DataSource,
  where: { eventId?: string; messageKeys?: string[] },
): Promise<{ delivery_key: string }[]> {
  return where.eventId
    ? ds.query(
        `select d.delivery_key from notification_deliveries d join notification_messages m on m.id = d.message_id
            where m.event_id = $1 and d.status in ('pending','sending') order by d.id`,
        [where.eventId],
      )
    : ds.query(
        `select d.delivery_key from notification_deliveries d join notification_messages m on m.id = d.message_id
            where m.message_key = any($1::text[]) and d.status in ('pending','sending') order by d.id`,
        [where.messageKeys ?? []],
      );
}

export async function deliveryByKey<Channel extends string, Recipient>(
  ds: DataSource,
  deliveryKey: string,
): Promise<DeliveryRow<Channel, Recipient> | undefined> {
  const [row] = (await ds.query(
    `select d.id, d.delivery_key, d.channel, d.target, d.status, m.message_key, m.kind, m.title, m.body, m.link, m.hazard_id, m.recipient, m.data
         from notification_deliveries d join notification_messages m on m.id = d.message_id where d.delivery_key = $1`,
    [deliveryKey],
  )) as DeliveryRow<Channel, Recipient>[];
  return row;
}

/** The delivery's status, its row locked until the transaction ends (a send inside the transaction: exactly once). */
export async function lockDeliveryStatus(m: EntityManager, id: string): Promise<string> {
  const [locked] = (await m.query(`select status from notification_deliveries where id = $1 for update`, [id])) as { status: string }[];
  return locked.status;
}

/** Sent in the transaction that sent it, counting the attempt. */
export async function markSentInTransaction(m: EntityManager, id: string): Promise<void> {
  await m.query(
    `update notification_deliveries set status = 'sent', attempts = attempts + 1, sent_at = now(), last_error = null where id = $1`,
    [id],
  );
}

/** Claims the delivery for a send to the far side (committed before it), counting the attempt and, when an earlier one died, a crash resend. */
export async function markSending(ds: DataSource, id: string, crashed: boolean): Promise<void> {
  await ds.query(
    `update notification_deliveries set status = 'sending', attempts = attempts + 1, crash_resends = crash_resends + $2 where id = $1`,
    [id, crashed ? 1 : 0],
  );
}

/** The send failed: back to pending with the error, for the retry (never undoing a send that did happen). */
export async function markSendFailed(ds: DataSource, id: string, error: string): Promise<void> {
  await ds.query(`update notification_deliveries set status = 'pending', last_error = $2 where id = $1 and status <> 'sent'`, [id, error]);
}

export async function markSent(ds: DataSource, id: string): Promise<void> {
  await ds.query(`update notification_deliveries set status = 'sent', sent_at = now(), last_error = null where id = $1`, [id]);
}

/** After the last attempt: dead (an admin sees it in the dead-letter queue). */
export async function markDeliveryDead(ds: DataSource, deliveryKey: string, error: string): Promise<void> {
  await ds.query(`update notification_deliveries set status = 'dead', last_error = $2 where delivery_key = $1 and status <> 'sent'`, [
    deliveryKey,
    error,
  ]);
}

/** Sends of one channel and message kind. */
export interface SentCount {
  channel: string;
  kind: string;
  count: number;
}

/** Deliveries sent in the last 24 hours, by channel and message kind. */
export function sentInLastDay(ds: DataSource): Promise<SentCount[]> {
  return ds.query(`select channel, m.kind, count(*)::int as count from notification_deliveries d join notification_messages m on m.id = d.message_id
                      where d.status = 'sent' and d.sent_at > now() - interval '24 hours' group by 1, 2 order by 1, 2`);
}
