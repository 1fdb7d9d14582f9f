import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '@hazards/api-contract/api-error';

export interface InboxItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  hazardId: string | null;
  createdAt: Date;
  readAt: Date | null;
}

/** The caller's own in-app inbox (站内信); nobody reads anyone else's. */
@Injectable()
export class InboxService {
  constructor(private readonly ds: DataSource) {}

  async list(
    userId: string,
    o: { unreadOnly: boolean; limit: number; offset: number },
  ): Promise<{ unread: number; total: number; items: InboxItem[] }> {
    const [counts] = (await this.ds.query(
      `select count(*)::int as total, count(*) filter (where read_at is null)::int as unread from inbox_messages where user_id = $1`,
      [userId],
    )) as { total: number; unread: number }[];
    const items: InboxItem[] = await this.ds.query(
      `select id::text, kind, title, body, link, hazard_id as "hazardId", created_at as "createdAt", read_at as "readAt"
         from inbox_messages where user_id = $1 and ($2::boolean = false or read_at is null)
        order by created_at desc, id desc limit $3 offset $4`,
      [userId, o.unreadOnly, o.limit, o.offset],
    );
    return { unread: counts.unread, total: counts.total, items };
  }

  async markRead(userId: string, id: string): Promise<{ id: string; readAt: Date }> {
    if (!/^\d{1,18}$/.test(id)) throw notFound('message');
    // TypeORM's query() answers an UPDATE (with or without RETURNING) as [rows, affectedCount].
    const [rows] = (await this.ds.query(
      `update inbox_messages set read_at = coalesce(read_at, now()) where id = $1 and user_id = $2 returning id::text, read_at as "readAt"`,
      [id, userId],
    )) as [{ id: string; readAt: Date }[], number];
    if (!rows[0]) throw notFound('message');
    return rows[0];
  }

  async markAllRead(userId: string): Promise<{ updated: number }> {
    const [, updated] = (await this.ds.query(`update inbox_messages set read_at = now() where user_id = $1 and read_at is null`, [
      userId,
    ])) as [unknown, number];
    return { updated };
  }
}
