import type { DataSource, EntityManager } from 'typeorm';
import { periodsDueBy, shanghaiToday } from '@hazards/domain/statistics/filing-periods';

/*
 * Missing enterprise statistics filings and their reminders: read by the supervisor's work queue
 * (API), emitted by the notifier's daily schedule and by `npm run cli -- filings remind`.
 */

export interface MissingFiling {
  enterpriseId: string;
  enterpriseName: string;
  creditCode: string;
  gridId: string;
  jurisdictionPath: string;
  principalName: string | null;
  period: string;
  periodKind: 'quarter' | 'annual';
  dueOn: string;
}

/** The outbox event a missing filing produces (consumed by the notifier's reminder channels). */
export const FILING_MISSING_EVENT = 'filing.missing';
export const FILING_RULES_VERSION = 'order16-filing-v1';

/**
 * Enterprises with no filing for a period whose due date has passed (as of a Shanghai date),
 * within a jurisdiction path. Enterprises registered after a period ended owe nothing for it.
 * This is the function the supervisor's work queue calls.
 */
export async function missingFilings(
  db: DataSource | EntityManager,
  jurisdictionPath: string | null,
  asOfDate = shanghaiToday(),
): Promise<MissingFiling[]> {
  const periods = periodsDueBy(asOfDate);
  if (periods.length === 0) return [];
  const rows: (Omit<MissingFiling, 'periodKind'> & { period_kind: string })[] = await db.query(
    `select e.id as "enterpriseId", e.name as "enterpriseName", e.credit_code as "creditCode", e.grid_id as "gridId", j.path as "jurisdictionPath",
            e.principal_name as "principalName", p.key as period, p.kind as period_kind, p.due_on as "dueOn"
       from enterprises e join jurisdictions j on j.id = e.grid_id
       cross join unnest($2::text[], $3::text[], $4::text[], $5::text[]) as p(key, kind, due_on, ends_on)
      where ($1::text is null or j.path like $1 || '%')
        and (e.created_at at time zone 'Asia/Shanghai')::date <= p.ends_on::date
        and not exists (select 1 from enterprise_filings f where f.enterprise_id = e.id and f.period = p.key)
      order by p.due_on desc, e.id`,
    [jurisdictionPath, periods.map((p) => p.key), periods.map((p) => p.kind), periods.map((p) => p.dueOn), periods.map((p) => p.endsOn)],
  );
  return rows.map(({ period_kind, ...r }) => ({ ...r, periodKind: period_kind as 'quarter' | 'annual' }));
}

/**
 * One reminder per enterprise and period: a `filing.missing` outbox event (event id
 * `filing.missing:<enterpriseId>:<period>`), written once however often this runs.
 */
export async function remindMissingFilings(
  ds: DataSource,
  asOfDate = shanghaiToday(),
  jurisdictionPath: string | null = null,
): Promise<{ missing: number; reminded: number }> {
  const missing = await missingFilings(ds, jurisdictionPath, asOfDate);
  let reminded = 0;
  for (const m of missing) {
    const eventId = `${FILING_MISSING_EVENT}:${m.enterpriseId}:${m.period}`;
    await ds.transaction(async (tx) => {
      const inserted: unknown[] = await tx.query(
        `insert into filing_reminders (enterprise_id, period, due_on, event_id) values ($1,$2,$3,$4) on conflict do nothing returning 1`,
        [m.enterpriseId, m.period, m.dueOn, eventId],
      );
      if (inserted.length === 0) return;
      await tx.query(
        `insert into outbox_events (event_id, type, hazard_id, occurred_at, policy_version, payload)
         values ($1, $2, $3, now(), $4, $5) on conflict (event_id) do nothing`,
        [eventId, FILING_MISSING_EVENT, `enterprise:${m.enterpriseId}`, FILING_RULES_VERSION, { ...m, asOf: asOfDate }],
      );
      reminded++;
    });
  }
  return { missing: missing.length, reminded };
}
