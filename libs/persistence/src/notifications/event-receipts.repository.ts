import type { DataSource, EntityManager } from 'typeorm';

/*
 * Event receipts (`notification_event_receipts`): a domain event is consumed once. A consumer
 * looks first (cheap, outside any transaction), then takes the receipt in the transaction that
 * writes what the event causes; whoever inserts the row first consumed it.
 */

/** True when a receipt for the event exists already. */
export async function eventConsumed(ds: DataSource, eventId: string): Promise<boolean> {
  const seen: unknown[] = await ds.query(`select 1 from notification_event_receipts where event_id = $1`, [eventId]);
  return seen.length > 0;
}

/** Takes the event's receipt inside the consuming transaction; false when another consumer took it first. */
export async function takeEventReceipt(
  m: EntityManager,
  e: { eventId: string; queue: string; type: string; hazardId: string },
): Promise<boolean> {
  const first: unknown[] = await m.query(
    `insert into notification_event_receipts (event_id, queue, type, hazard_id) values ($1,$2,$3,$4) on conflict (event_id) do nothing returning event_id`,
    [e.eventId, e.queue, e.type, e.hazardId],
  );
  return first.length > 0;
}
