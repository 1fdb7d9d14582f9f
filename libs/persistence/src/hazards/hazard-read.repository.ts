import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { JurisdictionLevel } from '@hazards/domain/hazard/vocabulary';
import type { EnterprisePenaltiesInput } from '@hazards/temporal/hazard-activities';
import type { HazardFilter } from '../read-model/hazard-filter';
import {
  HAZARD_LIST_COLUMNS,
  HAZARD_LIST_FROM,
  OPEN,
  OVERDUE,
  visibleHazards,
  type HazardListRow,
  type HazardReader,
} from '../read-model/read-model.sql';

export const HAZARD_SORTS = ['reportedAt', 'deadline', 'overdue'] as const;
export type HazardSort = (typeof HAZARD_SORTS)[number];

/** Sort keys: the column, and the default order. Overdue = most overdue first. */
const SORTS: Record<HazardSort, { column: string; defaultOrder: 'asc' | 'desc' }> = {
  reportedAt: { column: 'h.reported_at', defaultOrder: 'desc' },
  deadline: { column: 'h.rectification_deadline', defaultOrder: 'asc' },
  overdue: { column: 'h.rectification_deadline', defaultOrder: 'asc' },
};

/** The read model's figures behind the hazards_open and hazards_overdue metrics, and the 运行状态 page. */
export interface HazardFigures {
  /** Open hazards by status and listing level ('none' for hazards never listed). */
  open: { status: string; listingLevel: string; count: number }[];
  /** Overdue hazards (the lists' overdue=true) by escalation stage. */
  overdue: { stage: number; count: number }[];
}

/** Every hazard: the filter of the figures that no reader's visibility restricts. */
const ALL_HAZARDS: HazardFilter = { where: 'true', params: [] };

export interface HazardPageRequest {
  sort?: HazardSort;
  order?: 'asc' | 'desc';
  /** Keyset: the sort value and id of the last row of the previous page. */
  after?: [Date | string, string];
  limit: number;
}

/** A page row: the list columns and the value it was sorted on (for the next page's keyset). */
export type HazardPageRow = HazardListRow & { sort_value: Date };

/** Reads of the hazard read model: list pages, totals, one hazard with its timeline and evidence. */
@Injectable()
export class HazardReadRepository {
  constructor(private readonly ds: DataSource) {}

  /** The level of a jurisdiction, or null when there is none with this id. */
  async jurisdictionLevel(id: string): Promise<JurisdictionLevel | null> {
    const rows: { level: JurisdictionLevel }[] = await this.ds.query('select level from jurisdictions where id = $1', [id]);
    return rows[0]?.level ?? null;
  }

  async count(filter: HazardFilter): Promise<number> {
    const rows: { n: string }[] = await this.ds.query(`select count(*)::text as n from hazards h where ${filter.where}`, filter.params);
    return Number(rows[0].n);
  }

  /** One page of the hazards the filter matches, in the order asked for (sort 'overdue': overdue ones only). */
  async page(filter: HazardFilter, r: HazardPageRequest): Promise<HazardPageRow[]> {
    const sort = SORTS[r.sort ?? 'reportedAt'];
    const order = (r.order ?? sort.defaultOrder) === 'asc' ? 'asc' : 'desc';
    const params = [...filter.params];
    const conds = [filter.where];
    if (r.sort === 'overdue') conds.push(OVERDUE);
    // Keyset paging on (sort value, id): stable under inserts, and cheap on deep pages.
    // Overdue lists have a deadline by definition: order on the bare column, which the partial
    // indexes (level id, rectification_deadline) serve without a sort.
    const sortExpr = r.sort === 'overdue' ? sort.column : `coalesce(${sort.column}, 'infinity'::timestamptz)`;
    if (r.after) {
      params.push(r.after[0], r.after[1]);
      conds.push(`(${sortExpr}, h.id) ${order === 'asc' ? '>' : '<'} ($${params.length - 1}::timestamptz, $${params.length})`);
    }
    params.push(r.limit);
    return this.ds.query(
      `select ${HAZARD_LIST_COLUMNS}, ${sortExpr} as sort_value from ${HAZARD_LIST_FROM}
       where ${conds.join(' and ')} order by ${sortExpr} ${order}, h.id ${order} limit $${params.length}`,
      params,
    );
  }

  /** One hazard the reader may see, with its detail; null when it does not exist or is not theirs to see. */
  async visibleWithDetail(reader: HazardReader, id: string): Promise<(HazardListRow & { detail: Record<string, unknown> }) | null> {
    const params: unknown[] = [id];
    const rows = await this.ds.query(
      `select ${HAZARD_LIST_COLUMNS}, h.detail from ${HAZARD_LIST_FROM} where h.id = $1 and ${visibleHazards(reader, params)}`,
      params,
    );
    return rows[0] ?? null;
  }

  /** The hazard's lifecycle steps (hazard_history), in order. */
  timeline(id: string): Promise<Record<string, unknown>[]> {
    return this.ds.query(
      `select seq, step, at, actor_id as "actorId", actor->>'name' as "actorName", actor_role as "actorRole",
              from_status as "fromStatus", to_status as "toStatus", reason, data, recorded_at as "recordedAt"
       from hazard_history where hazard_id = $1 order by seq`,
      [id],
    );
  }

  /** Overdue hazards (the lists' overdue=true) by escalation stage. */
  overdueByStage(filter: HazardFilter): Promise<{ stage: number; count: number }[]> {
    return this.ds.query(
      `select h.escalation_stage as stage, count(*)::int as count from hazards h where ${filter.where} and ${OVERDUE} group by 1 order by 1`,
      filter.params,
    );
  }

  /** Open and overdue hazards over the whole read model. */
  async figures(): Promise<HazardFigures> {
    const [open, overdue] = await Promise.all([
      this.ds.query(
        `select h.status, coalesce(h.listing_level, 'none') as "listingLevel", count(*)::int as count from hazards h where ${OPEN} group by 1, 2 order by 1, 2`,
      ),
      this.overdueByStage(ALL_HAZARDS),
    ]);
    return { open, overdue };
  }

  /** When the hazard's lifecycle step `seq` was recorded (its history row), or undefined before it is. */
  async stepRecordedAt(hazardId: string, seq: number): Promise<Date | undefined> {
    const [row] = (await this.ds.query(`select recorded_at from hazard_history where hazard_id = $1 and seq = $2`, [hazardId, seq])) as {
      recorded_at: Date;
    }[];
    return row?.recorded_at;
  }

  /** Every penalty on the enterprise's other hazards of the given grades (the lifecycle's repeat-offence rule). */
  async enterprisePenalties(input: EnterprisePenaltiesInput): Promise<{ hazardId: string; decidedAt: string; lawArticle: string }[]> {
    const rows: { hazard_id: string; decided_at: string; law_article: string }[] = await this.ds.query(
      `select h.id as hazard_id, p->>'decidedAt' as decided_at, p->>'lawArticle' as law_article
       from hazards h cross join lateral jsonb_array_elements(coalesce(h.detail->'penalties', '[]'::jsonb)) p
      where h.enterprise_id = $1 and h.id <> $2 and h.grade = any($3::text[])`,
      [input.enterpriseId, input.excludeHazardId, input.grades],
    );
    return rows.map((r) => ({ hazardId: r.hazard_id, decidedAt: r.decided_at, lawArticle: r.law_article ?? '' }));
  }

  /** The hazard's status when the reader may see it, else null. */
  async visibleStatus(reader: HazardReader, id: string): Promise<string | null> {
    const params: unknown[] = [id];
    const rows: { status: string }[] = await this.ds.query(
      `select h.status from hazards h where h.id = $1 and ${visibleHazards(reader, params)}`,
      params,
    );
    return rows[0]?.status ?? null;
  }
}
