import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { missingFilings } from '../statistics/filing.service';
import type { AuthUser } from '@hazards/access/auth-user';
import { toListItem } from '@hazards/hazards/hazard-query.service';
import { visibleHazardsCondition } from '@hazards/access/hazard-access';

const COLS = `h.*, e.name as enterprise_name`;
const OPEN = `h.status not in ('closed','withdrawn')`;
/** The level whose review is awaited: review.levels[review.index] in the workflow's detail. */
const REVIEW_LEVEL = `(h.detail->'review'->'levels'->>((h.detail->'review'->>'index')::int))`;
/** A hazard without a listing is decided by any supervisor of the subtree; a listed one at its listing level ($1). */
const AT_LISTING_LEVEL = `(h.listing_level is null or h.listing_level = $1)`;

/** What is waiting for the caller: plans to decide, reviews due, extensions to decide, overdue hazards. */
@Injectable()
export class WorkQueueService {
  constructor(private readonly ds: DataSource) {}

  async forUser(user: AuthUser) {
    const q = async (cond: string, extra: unknown[] = [], order = 'h.current_deadline asc nulls last') => {
      const params: unknown[] = [];
      const visible = visibleHazardsCondition(user, params);
      const shifted = cond.replace(/\$(\d+)/g, (_, n) => `$${Number(n) + params.length}`);
      const rows = await this.ds.query(
        `select ${COLS} from hazards h left join enterprises e on e.id = h.enterprise_id where ${visible} and ${shifted} order by ${order} limit 100`,
        [...params, ...extra],
      );
      return rows.map((r: never) => toListItem(r));
    };
    if (user.role === 'supervisor') {
      const level = user.jurisdictionLevel;
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
        overdue: await q(`${OPEN} and h.rectification_deadline < now()`, [], 'h.rectification_deadline asc'),
        // Enterprises of my subtree whose quarterly or annual statistics filing is overdue.
        missingFilings: user.jurisdictionPath ? await missingFilings(this.ds, user.jurisdictionPath) : [],
      };
    }
    if (user.role === 'enterprise') {
      return {
        planDue: await q(`h.status = 'listed'`),
        rectifying: await q(`h.status = 'rectifying'`),
        verificationDue: user.isSafetyDirector ? await q(`h.status = 'submitted' and ${REVIEW_LEVEL} = 'verification'`) : [],
        overdue: await q(`${OPEN} and h.rectification_deadline < now()`, [], 'h.rectification_deadline asc'),
      };
    }
    if (user.role === 'grid_inspector')
      return { toGrade: await q(`h.status = 'reported'`), overdue: await q(`${OPEN} and h.rectification_deadline < now()`) };
    return {};
  }
}
