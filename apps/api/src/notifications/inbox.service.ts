import { Injectable } from '@nestjs/common';
import { InboxRepository, type InboxItem } from '@hazards/persistence/notifications/inbox.repository';
import { notFound } from '@hazards/api-contract/api-error';

export type { InboxItem } from '@hazards/persistence/notifications/inbox.repository';

/** The caller's own in-app inbox (站内信); nobody reads anyone else's. */
@Injectable()
export class InboxService {
  constructor(private readonly repo: InboxRepository) {}

  async list(
    userId: string,
    o: { unreadOnly: boolean; limit: number; offset: number },
  ): Promise<{ unread: number; total: number; items: InboxItem[] }> {
    const counts = await this.repo.counts(userId);
    const items = await this.repo.page(userId, o);
    return { unread: counts.unread, total: counts.total, items };
  }

  async markRead(userId: string, id: string): Promise<{ id: string; readAt: Date }> {
    if (!/^\d{1,18}$/.test(id)) throw notFound('message');
    const row = await this.repo.markRead(userId, id);
    if (!row) throw notFound('message');
    return row;
  }

  async markAllRead(userId: string): Promise<{ updated: number }> {
    return { updated: await this.repo.markAllRead(userId) };
  }
}
