import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { JurisdictionLevel } from '@hazards/domain/hazard/vocabulary';
import { andWhere, type HazardFilter } from '../read-model/hazard-filter';
import {
  HAZARD_LIST_COLUMNS,
  HAZARD_LIST_FROM,
  OPEN,
  OVERDUE,
  visibleHazards,
  type HazardListRow,
  type HazardReader,
} from '../read-model/read-model.sql';

/** The level whose review is awaited: review.levels[review.index] in the workflow's detail. */
const REVIEW_LEVEL = `(h.detail->'review'->'levels'->>((h.detail->'review'->>'index')::int))`;
/** A hazard without a listing is decided by any supervisor of the subtree; a listed one at its listing level ($1). */
const AT_LISTING_LEVEL = `(h.listing_level is null or h.listing_level = $1)`;
const BY_CURRENT_DEADLINE = 'h.current_deadline asc nulls last';
const BY_RECTIFICATION_DEADLINE = 'h.rectification_deadline asc';

/** What waits for a reader in the read model: each list at most 100 hazards, the most urgent first. */
@Injectable()
export class WorkQueueRepository {
  constructor(private readonly ds: DataSource) {}

  /** A supervisor's queue; `level` is their jurisdiction's level (plans, extensions and reviews are decided per level). */
  async supervisor(reader: HazardReader, level: JurisdictionLevel | null) {
    const q = this.queue(reader);
    return {
      toGrade: await q(`h.status = 'reported'`),
      toList: await q(`h.status = 'awaiting_listing'`),
      // Plans and extensions of a listed hazard are decided at its listing level only (as the workflow checks).
      plansToDecide: await q(`h.status = 'plan_submitted' and ${AT_LISTING_LEVEL}`, [level]),
      extensionsToDecide: await q(
        `${OPEN} and ${AT_LISTING_LEVEL} and exists (select 1 from jsonb_array_elements(coalesce(h.detail->'extensions','[]'::jsonb)) x where x->>'decision' is null)`,
        [level],
      ),
      // The review awaited at my level, one the level below let lapse (escalated to me), or a general hazard's verification.
      reviewsDue: await q(
        `h.status = 'submitted' and (${REVIEW_LEVEL} in ($1, 'verification') or h.detail->'review'->>'escalatedTo' = $1)`,
        [level],
      ),
      overdue: await q(OVERDUE, [], BY_RECTIFICATION_DEADLINE),
    };
  }

  /** An enterprise user's queue; verifications wait for its safety director (安全负责人) only. */
  async enterprise(reader: HazardReader, isSafetyDirector: boolean) {
    const q = this.queue(reader);
    return {
      planDue: await q(`h.status = 'listed'`),
      rectifying: await q(`h.status = 'rectifying'`),
      verificationDue: isSafetyDirector ? await q(`h.status = 'submitted' and ${REVIEW_LEVEL} = 'verification'`) : [],
      overdue: await q(OVERDUE, [], BY_RECTIFICATION_DEADLINE),
    };
  }

  /** A grid inspector's queue. */
  async gridInspector(reader: HazardReader) {
    const q = this.queue(reader);
    return { toGrade: await q(`h.status = 'reported'`), overdue: await q(OVERDUE) };
  }

  /** The reader's visible hazards meeting a condition (its parameters numbered from $1). */
  private queue(reader: HazardReader) {
    const params: unknown[] = [];
    const visible: HazardFilter = { where: visibleHazards(reader, params), params };
    return (condition: string, extra: unknown[] = [], order = BY_CURRENT_DEADLINE): Promise<HazardListRow[]> => {
      const f = andWhere(visible, condition, extra);
      return this.ds.query(`select ${HAZARD_LIST_COLUMNS} from ${HAZARD_LIST_FROM} where ${f.where} order by ${order} limit 100`, f.params);
    };
  }
}
