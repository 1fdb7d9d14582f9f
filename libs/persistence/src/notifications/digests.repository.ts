import type { DataSource, EntityManager } from 'typeorm';
import type { NewsItem } from './digest-news.repository';

/*
 * The daily digest's store: reminder items (`reminder_digest_items`, one per recipient and event)
 * wait until a digest (`reminder_digests`, one per recipient and day) claims them. News items
 * wait in the same table (digest-news.repository).
 */

/** A reminder about a deadline, for one recipient. */
export interface NewReminderItem extends Pick<NewsItem, 'recipientKey' | 'recipient' | 'eventId' | 'hazardId'> {
  deadlineKind: string;
  dueAt: string;
  daysBefore: number | null;
}

/** An item as a digest claims it; `info` is set for news. */
export interface DigestItemRow<Info = unknown> {
  id: string;
  recipient_key: string;
  event_id: string;
  hazard_id: string;
  deadline_kind: string;
  due_at: Date;
  days_before: number | null;
  info: Info | null;
}

/** Once per recipient and event, in the transaction that consumes the event. */
export async function addReminderItem(m: EntityManager, i: NewReminderItem): Promise<void> {
  await m.query(
    `insert into reminder_digest_items (recipient_key, recipient, event_id, hazard_id, deadline_kind, due_at, days_before)
           values ($1,$2,$3,$4,$5,$6,$7) on conflict (recipient_key, event_id) do nothing`,
    [i.recipientKey, JSON.stringify(i.recipient), i.eventId, i.hazardId, i.deadlineKind, i.dueAt, i.daysBefore],
  );
}

/** Each recipient with items no digest has claimed yet (of hazards whose id starts with the prefix, when one is given). */
export function pendingDigestRecipients<Recipient>(
  ds: DataSource,
  hazardPrefix: string | null,
): Promise<{ recipient_key: string; recipient: Recipient }[]> {
  return ds.query(
    `select distinct on (recipient_key) recipient_key, recipient from reminder_digest_items
        where digest_id is null and ($1::text is null or starts_with(hazard_id, $1)) order by recipient_key, id`,
    [hazardPrefix],
  );
}

/** The recipient's digest of the day, new; undefined when that day's digest exists already. */
export async function openDigest(
  m: EntityManager,
  d: { recipientKey: string; digestDate: string; messageKey: string },
): Promise<string | undefined> {
  const [digest] = (await m.query(
    `insert into reminder_digests (recipient_key, digest_date, message_key, item_count) values ($1,$2,$3,0)
             on conflict (recipient_key, digest_date) do nothing returning id`,
    [d.recipientKey, d.digestDate, d.messageKey],
  )) as { id: string }[];
  return digest?.id;
}

/** Claims for the digest every unclaimed item of these recipients: each item is claimed by one digest only. */
export async function claimDigestItems<Info>(
  m: EntityManager,
  digestId: string,
  recipientKeys: string[],
  hazardPrefix: string | null,
): Promise<DigestItemRow<Info>[]> {
  const [claimed] = (await m.query(
    `update reminder_digest_items set digest_id = $1
              where digest_id is null and recipient_key = any($2::text[]) and ($3::text is null or starts_with(hazard_id, $3))
             returning id, recipient_key, event_id, hazard_id, deadline_kind, due_at, days_before, info`,
    [digestId, recipientKeys, hazardPrefix],
  )) as [DigestItemRow<Info>[], number];
  return claimed;
}

export async function setDigestItemCount(m: EntityManager, digestId: string, count: number): Promise<void> {
  await m.query(`update reminder_digests set item_count = $2 where id = $1`, [digestId, count]);
}

/** Consumes the recipients' stale reminders (deadline passed, or hazard closed or withdrawn) without a digest, so they never come back. */
export async function dropStaleReminders(ds: DataSource, recipientKeys: string[], now: Date, hazardPrefix: string | null): Promise<void> {
  await ds.query(
    `delete from reminder_digest_items where digest_id is null and recipient_key = any($1::text[]) and info is null
             and ($3::text is null or starts_with(hazard_id, $3))
             and (due_at <= $2 or hazard_id in (select id from hazards where status in ('closed','withdrawn')))`,
    [recipientKeys, now, hazardPrefix],
  );
}

/** The message keys of the day's digests (that hold items of hazards with the prefix, when one is given). */
export async function digestMessageKeys(ds: DataSource, digestDate: string, hazardPrefix: string | null): Promise<string[]> {
  const rows: { message_key: string }[] = await ds.query(
    `select distinct g.message_key from reminder_digests g join reminder_digest_items i on i.digest_id = g.id
        where g.digest_date = $1 and ($2::text is null or starts_with(i.hazard_id, $2))`,
    [digestDate, hazardPrefix],
  );
  return rows.map((r) => r.message_key);
}
