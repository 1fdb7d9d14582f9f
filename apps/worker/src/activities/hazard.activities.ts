import type { DataSource } from 'typeorm';
import { LiveCalendar, liveShiftWorkingDays } from '@hazards/calendar';
import { demoClockAllowed } from '@hazards/domain/calendar/demo-clock';
import { HazardStepRecorder } from '@hazards/persistence';
import { createDocumentActivities } from '@hazards/documents/document-activities';
import type { DocumentActivities } from '@hazards/temporal/document-activities';
import type { EnterprisePenaltiesInput, HazardActivities } from '@hazards/temporal';

/**
 * The hazard workflow's activities, bound to their dependencies. recordStep is idempotent
 * (unique history row per step); shiftWorkingDays is calendar arithmetic on the live calendar
 * (the notices in PostgreSQL, cached), kept out of the workflow sandbox so that a calendar update
 * never breaks replay.
 */
export function createHazardActivities(ds: DataSource, calendar = new LiveCalendar(ds)): HazardActivities & DocumentActivities {
  const recorder = new HazardStepRecorder(ds);
  const shiftWorkingDays = liveShiftWorkingDays(calendar);
  return {
    // 问责文书 (issue 18): numbered and rendered here, outside the workflow; a reply date counts working days.
    ...createDocumentActivities(ds, shiftWorkingDays),
    recordStep: (input) => recorder.record(input),
    shiftWorkingDays: liveShiftWorkingDays(calendar, { demoClockAllowed: demoClockAllowed(process.env.NODE_ENV) }),
    enterprisePenalties: (input) => enterprisePenalties(ds, input),
  };
}

/** Every penalty on the enterprise's other hazards of the given grades, from the read model (a read: idempotent). */
export async function enterprisePenalties(
  ds: DataSource,
  input: EnterprisePenaltiesInput,
): Promise<{ hazardId: string; decidedAt: string; lawArticle: string }[]> {
  const rows: { hazard_id: string; decided_at: string; law_article: string }[] = await ds.query(
    `select h.id as hazard_id, p->>'decidedAt' as decided_at, p->>'lawArticle' as law_article
       from hazards h cross join lateral jsonb_array_elements(coalesce(h.detail->'penalties', '[]'::jsonb)) p
      where h.enterprise_id = $1 and h.id <> $2 and h.grade = any($3::text[])`,
    [input.enterpriseId, input.excludeHazardId, input.grades],
  );
  return rows.map((r) => ({ hazardId: r.hazard_id, decidedAt: r.decided_at, lawArticle: r.law_article ?? '' }));
}
