import type { EntityManager } from 'typeorm';

/**
 * A digest item that is news rather than a deadline (issue 18): a listing, a sign-off, an
 * enterprise's missing statistics filing, for someone who may see many of them a day (the level
 * above). It waits in `reminder_digest_items` like a reminder and goes out in the next daily
 * digest; `info` says what to write, since it may outlive the hazard's state.
 */
export interface NewsItem {
  recipientKey: string;
  /** The recipient as resolved (JSON), like a reminder item's. */
  recipient: unknown;
  eventId: string;
  /** The hazard, or `enterprise:<id>` for a filing. */
  hazardId: string;
  /** `news.listed` | `news.closed` | `news.filing_missing`: never a deadline kind. */
  kind: string;
  /** When it happened (the item's `due_at`; news is never stale). */
  at: string;
  info: Record<string, unknown>;
}

/** Once per recipient and event, in the transaction that consumes the event. */
export async function addNewsItems(m: EntityManager, items: NewsItem[]): Promise<void> {
  for (const i of items) {
    await m.query(
      `insert into reminder_digest_items (recipient_key, recipient, event_id, hazard_id, deadline_kind, due_at, info)
       values ($1,$2,$3,$4,$5,$6,$7) on conflict (recipient_key, event_id) do nothing`,
      [i.recipientKey, JSON.stringify(i.recipient), i.eventId, i.hazardId, i.kind, i.at, JSON.stringify(i.info)],
    );
  }
}
