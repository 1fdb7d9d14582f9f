import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { JurisdictionLevel } from '@hazards/domain/hazard/vocabulary';
import type { HazardFilter } from '../read-model/hazard-filter';
import {
  EVER_STOPPED,
  LEVEL_COLUMN,
  LISTED,
  LISTED_BY_LEVEL,
  COUNTED_ONCE,
  outcomeCounts,
  PENALTIES,
  TRACED,
  type Counting,
  type ListedByLevel,
  type OutcomeCounts,
} from '../read-model/read-model.sql';

export interface JurisdictionNode {
  id: string;
  name: string;
  level: JurisdictionLevel;
  kind: string;
  path: string;
}

export type StatisticsTotals = OutcomeCounts &
  ListedByLevel & {
    major: number;
    general: number;
    ungraded: number;
    listed: number;
    stoppedNow: number;
    everStopped: number;
    traced: number;
    heavier: number;
  };

/** The columns the statistics break hazards down by. */
export type BreakdownColumn = 'industry' | 'accident_type' | 'grade' | 'source';

/** 统计 reads: every figure a count (or sum) over the hazards a list filter matches. */
@Injectable()
export class StatisticsRepository {
  constructor(private readonly ds: DataSource) {}

  async jurisdiction(id: string): Promise<JurisdictionNode | null> {
    const rows: JurisdictionNode[] = await this.ds.query('select id, name, level, kind, path from jurisdictions where id = $1', [id]);
    return rows[0] ?? null;
  }

  children(parentId: string): Promise<{ id: string; name: string; kind: string }[]> {
    return this.ds.query('select id, name, kind from jurisdictions where parent_id = $1 order by id', [parentId]);
  }

  async totals(f: HazardFilter): Promise<StatisticsTotals> {
    const [row] = await this.ds.query(
      `select ${outcomeCounts('each hazard once')}, ${LISTED_BY_LEVEL},
        count(*) filter (where h.grade = 'major')::int as major,
        count(*) filter (where h.grade = 'general')::int as general,
        count(*) filter (where h.grade is null)::int as ungraded,
        count(*) filter (where ${LISTED})::int as listed,
        count(*) filter (where h.production_stopped)::int as "stoppedNow",
        count(*) filter (where ${EVER_STOPPED})::int as "everStopped",
        count(*) filter (where ${TRACED})::int as traced,
        count(*) filter (where h.heavier_accountability)::int as heavier
       from hazards h where ${f.where}`,
      f.params,
    );
    return row;
  }

  /** When each closed hazard was reported and closed (working days are counted outside SQL, on the Chinese calendar). */
  closedSpans(f: HazardFilter): Promise<{ reported_at: Date; closed_at: Date }[]> {
    return this.ds.query(
      `select h.reported_at, h.closed_at from hazards h where ${f.where} and h.status = 'closed' and h.closed_at is not null`,
      f.params,
    );
  }

  /** 行政处罚: how many, and their total in yuan. */
  async penalties(f: HazardFilter): Promise<{ count: number; amountYuan: number }> {
    const [p] = await this.ds.query(
      `select count(pe.*)::int as count, coalesce(sum((pe.value->>'amountYuan')::numeric), 0) as amount
         from hazards h cross join lateral jsonb_array_elements(${PENALTIES}) pe where ${f.where}`,
      f.params,
    );
    return { count: p.count, amountYuan: Number(p.amount) };
  }

  /** Hazards per value of a column, the largest group first. */
  countBy(f: HazardFilter, column: BreakdownColumn, counting: Counting): Promise<{ k: string | null; count: number }[]> {
    const counted = counting === 'each hazard once' ? COUNTED_ONCE : 'true';
    return this.ds.query(
      `select h.${column} as k, count(*)::int as count from hazards h where ${f.where} and ${counted} group by 1 order by count(*) desc, 1 asc nulls last`,
      f.params,
    );
  }

  /** The outcome and listing counts per node of `level` (only nodes with hazards). */
  byRegion(f: HazardFilter, level: JurisdictionLevel): Promise<(OutcomeCounts & ListedByLevel & { id: string })[]> {
    return this.ds.query(
      `select h.${LEVEL_COLUMN[level]} as id, ${outcomeCounts('each hazard once')}, ${LISTED_BY_LEVEL} from hazards h where ${f.where} group by 1`,
      f.params,
    );
  }
}
