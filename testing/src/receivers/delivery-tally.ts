import type { DataSource } from 'typeorm';
import type { HttpReceiver } from './http-receiver';
import type { SmtpReceiver } from './smtp-receiver';

/** Every delivery id the receivers saw, one entry per arrival (mails by header, webhooks by X-Hazard-Delivery-Id). */
export function receivedDeliveryIds(smtp: SmtpReceiver, http: HttpReceiver): string[] {
  return [
    ...smtp.mails.map((m) => m.deliveryId),
    ...http.requests.filter((r) => r.kind === 'webhook').map((r) => String(r.headers['x-hazard-delivery-id'])),
  ];
}

/** Delivery figures, counted at the receivers (raw and by delivery id) and in PostgreSQL. */
export interface DeliveryFigures {
  sent: number;
  receivedRaw: number;
  receivedUnique: number;
  duplicates: number;
  lost: number;
  crashResends: number;
}

/**
 * unexplainedIds: delivery ids that arrived more often than 1 + the crash resends PostgreSQL
 * recorded for them, i.e. second sends that no crash accounts for; unexplainedResends counts
 * those surplus arrivals.
 */
export async function tally(
  ds: DataSource,
  hazardPrefix: string,
  receivedIds: string[],
): Promise<DeliveryFigures & { duplicateIds: string[]; missingIds: string[]; unexplainedIds: string[]; unexplainedResends: number }> {
  const rows: { delivery_key: string; crash_resends: number }[] = await ds.query(
    `select d.delivery_key, d.crash_resends from notification_deliveries d join notification_messages m on m.id = d.message_id
      where m.hazard_id like $1 and d.channel <> 'inbox'`,
    [`${hazardPrefix}%`],
  );
  const counts = new Map<string, number>();
  for (const id of receivedIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  const expected = new Set(rows.map((r) => r.delivery_key));
  const duplicateIds = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
  const crashResendsOf = new Map(rows.map((r) => [r.delivery_key, r.crash_resends]));
  const surplus = (id: string) => Math.max(0, counts.get(id)! - 1 - (crashResendsOf.get(id) ?? 0));
  const unexplainedIds = duplicateIds.filter((id) => surplus(id) > 0);
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
    unexplainedIds,
    unexplainedResends: unexplainedIds.reduce((a, id) => a + surplus(id), 0),
  };
}
