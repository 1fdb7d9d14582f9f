import type { DataSource } from 'typeorm';
import { OPEN, OVERDUE } from '@hazards/statistics/statistics.sql';

export interface HazardFigures {
  /** Open hazards by status and listing level ('none' for hazards never listed). */
  open: { status: string; listingLevel: string; count: number }[];
  /** Overdue hazards (the lists' overdue=true) by escalation stage. */
  overdue: { stage: number; count: number }[];
}

/** The read model's figures behind hazards_open and hazards_overdue, and the 运行状态 page. */
export async function hazardFigures(ds: DataSource): Promise<HazardFigures> {
  const [open, overdue] = await Promise.all([
    ds.query(
      `select h.status, coalesce(h.listing_level, 'none') as "listingLevel", count(*)::int as count from hazards h where ${OPEN} group by 1, 2 order by 1, 2`,
    ),
    ds.query(`select h.escalation_stage as stage, count(*)::int as count from hazards h where ${OVERDUE} group by 1 order by 1`),
  ]);
  return { open, overdue };
}
