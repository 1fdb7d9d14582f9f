import type { DataSource } from 'typeorm';

/** Delivery figures, counted at the receivers (raw and by delivery id) and in PostgreSQL. */
export interface DeliveryFigures {
  sent: number;
  receivedRaw: number;
  receivedUnique: number;
  duplicates: number;
  lost: number;
  crashResends: number;
}

export async function tally(ds: DataSource, hazardPrefix: string, receivedIds: string[]): Promise<DeliveryFigures & { duplicateIds: string[]; missingIds: string[] }> {
  const rows: { delivery_key: string; crash_resends: number }[] = await ds.query(
    `select d.delivery_key, d.crash_resends from notification_deliveries d join notification_messages m on m.id = d.message_id
      where m.hazard_id like $1 and d.channel <> 'inbox'`,
    [`${hazardPrefix}%`],
  );
  const counts = new Map<string, number>();
  for (const id of receivedIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  const expected = new Set(rows.map((r) => r.delivery_key));
  const duplicateIds = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
  const missingIds = [...expected].filter((k) => !counts.has(k));
  return {
    sent: expected.size,
    receivedRaw: receivedIds.length,
    receivedUnique: counts.size,
    duplicates: receivedIds.length - counts.size,
    lost: missingIds.length,
    crashResends: rows.reduce((a, r) => a + r.crash_resends, 0),
    duplicateIds,
    missingIds,
  };
}
