import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { InboxMessage } from '@hazards/domain/notifications/inbox-message';
import type { NewMessage } from './deliveries.repository';

/* A user's in-app inbox (站内信): every query is scoped to one user_id. */

/** A message as the database returns it (times as Date; the API serializes them to ISO strings). */
export type InboxItem = InboxMessage<Date>;

/** A message for a user's inbox, as the notifier's inbox channel delivers it. */
export interface NewInboxMessage extends Pick<NewMessage, 'kind' | 'title' | 'body' | 'link' | 'hazardId'> {
  deliveryKey: string;
  userId: string;
}

/** Written in the transaction that marks the delivery sent, once per delivery key: exactly once. */
export async function insertInboxMessage(m: EntityManager, i: NewInboxMessage): Promise<void> {
  await m.query(
    `insert into inbox_messages (delivery_key, user_id, kind, title, body, link, hazard_id)
       values ($1,$2,$3,$4,$5,$6,$7) on conflict (delivery_key) do nothing`,
    [i.deliveryKey, i.userId, i.kind, i.title, i.body, i.link, i.hazardId],
  );
}

@Injectable()
export class InboxRepository {
  constructor(private readonly ds: DataSource) {}

  async counts(userId: string): Promise<{ total: number; unread: number }> {
    const [counts] = (await this.ds.query(
      `select count(*)::int as total, count(*) filter (where read_at is null)::int as unread from inbox_messages where user_id = $1`,
      [userId],
    )) as { total: number; unread: number }[];
    return counts;
  }

  /** Newest first. */
  page(userId: string, o: { unreadOnly: boolean; limit: number; offset: number }): Promise<InboxItem[]> {
    return this.ds.query(
      `select id::text, kind, title, body, link, hazard_id as "hazardId", created_at as "createdAt", read_at as "readAt"
         from inbox_messages where user_id = $1 and ($2::boolean = false or read_at is null)
        order by created_at desc, id desc limit $3 offset $4`,
      [userId, o.unreadOnly, o.limit, o.offset],
    );
  }

  /** Marks one of the user's messages read (keeping an earlier read time); undefined when the user has no such message. */
  async markRead(userId: string, id: string): Promise<{ id: string; readAt: Date } | undefined> {
    // TypeORM's query() answers an UPDATE (with or without RETURNING) as [rows, affectedCount].
    const [rows] = (await this.ds.query(
      `update inbox_messages set read_at = coalesce(read_at, now()) where id = $1 and user_id = $2 returning id::text, read_at as "readAt"`,
      [id, userId],
    )) as [{ id: string; readAt: Date }[], number];
    return rows[0];
  }

  /** Returns how many messages it marked. */
  async markAllRead(userId: string): Promise<number> {
    const [, updated] = (await this.ds.query(`update inbox_messages set read_at = now() where user_id = $1 and read_at is null`, [
      userId,
    ])) as [unknown, number];
    return updated;
  }
}
