import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { JurisdictionLevel } from '@hazards/domain/hazard/vocabulary';
import type { HazardFilter } from '../read-model/hazard-filter';
import { LEVEL_COLUMN, OPEN, outcomeCounts, OVERDUE, type OutcomeCounts } from '../read-model/read-model.sql';

/** The board counts every report, merged duplicates included (the statistics count each hazard once). */
const OUTCOME_COUNTS = outcomeCounts('every report');

export interface JurisdictionRow {
  id: string;
  name: string;
  level: JurisdictionLevel;
  path: string;
}
export type RegionCounts = OutcomeCounts & { id: string; name: string; level: string };
export interface BreakdownRow {
  count: number;
  open: number;
  overdue: number;
}
export interface TrendWeek {
  week: string;
  overdue: number;
  becameOverdue: number;
  closed: number;
}

/** The overdue board's reads: each a count over the hazards a list filter matches. */
@Injectable()
export class BoardRepository {
  constructor(private readonly ds: DataSource) {}

  async jurisdiction(id: string): Promise<JurisdictionRow | null> {
    const rows: JurisdictionRow[] = await this.ds.query('select id, name, level, path from jurisdictions where id = $1', [id]);
    return rows[0] ?? null;
  }

  async totals(f: HazardFilter): Promise<OutcomeCounts> {
    const [row] = await this.ds.query(`select ${OUTCOME_COUNTS} from hazards h where ${f.where}`, f.params);
    return row;
  }

  countByStatus(f: HazardFilter): Promise<{ status: string; n: number }[]> {
    return this.ds.query(`select h.status, count(*)::int as n from hazards h where ${f.where} group by h.status`, f.params);
  }

  byListingLevel(f: HazardFilter): Promise<(BreakdownRow & { level: string | null })[]> {
    return this.ds.query(
      `select h.listing_level as level, count(*)::int as count, count(*) filter (where ${OPEN})::int as open, count(*) filter (where ${OVERDUE})::int as overdue
       from hazards h where ${f.where} group by h.listing_level`,
      f.params,
    );
  }

  byAccidentType(f: HazardFilter): Promise<(BreakdownRow & { accidentType: string | null })[]> {
    return this.ds.query(
      `select h.accident_type as "accidentType", count(*)::int as count, count(*) filter (where ${OPEN})::int as open, count(*) filter (where ${OVERDUE})::int as overdue
       from hazards h where ${f.where} group by 1 order by 2 desc, 1 asc nulls last`,
      f.params,
    );
  }

  /** The children of a jurisdiction (the cities when parentId is null), each with its counts, zero when it has no hazard. */
  regions(f: HazardFilter, level: JurisdictionLevel, parentId: string | null): Promise<RegionCounts[]> {
    const params = parentId ? [...f.params, parentId] : f.params;
    return this.ds.query(
      `select j.id, j.name, j.level, ${OUTCOME_COUNTS}
       from jurisdictions j left join hazards h on h.${LEVEL_COLUMN[level]} = j.id and ${f.where}
       where ${parentId ? `j.parent_id = $${params.length}` : 'j.parent_id is null'} group by j.id, j.name, j.level`,
      params,
    );
  }

  /**
   * Weekly figures for the last `weeks` Asia/Shanghai weeks (Monday 00:00). "Overdue" at a week's
   * end (or now, for this week): past the rectification deadline then and not closed by then. The
   * deadline is the current one, after any extensions, which is what the read model keeps.
   */
  trend(f: HazardFilter, weeks: number): Promise<TrendWeek[]> {
    const n = f.params.length;
    return this.ds.query(
      `with weeks as (
         select ws, (ws at time zone 'Asia/Shanghai') as starts, least((ws + interval '7 days') at time zone 'Asia/Shanghai', now()) as at
         from generate_series(date_trunc('week', now() at time zone 'Asia/Shanghai') - make_interval(weeks => $${n + 1}::int - 1),
                              date_trunc('week', now() at time zone 'Asia/Shanghai'), interval '7 days') ws)
       select to_char(w.ws, 'YYYY-MM-DD') as week,
              count(h.id) filter (where h.rectification_deadline < w.at and (h.closed_at is null or h.closed_at > w.at))::int as overdue,
              count(h.id) filter (where h.rectification_deadline >= w.starts and h.rectification_deadline < w.at
                                    and (h.closed_at is null or h.closed_at > h.rectification_deadline))::int as "becameOverdue",
              count(h.id) filter (where h.closed_at >= w.starts and h.closed_at < w.at)::int as closed
       from weeks w left join hazards h on ${f.where} and h.status <> 'withdrawn' and h.reported_at <= w.at
         and (h.rectification_deadline < w.at or h.closed_at >= w.starts)
       group by w.ws order by w.ws`,
      [...f.params, weeks],
    );
  }

  /** The last overdue-ladder action each hazard's workflow recorded (null when none). */
  async recordedStageActions(ids: string[]): Promise<Map<string, string | null>> {
    const rows: { id: string; action: string | null }[] = await this.ds.query(
      `select h.id, (select e->>'action' from jsonb_array_elements(coalesce(h.detail->'escalations', '[]'::jsonb)) e
                     where e->>'kind' = 'overdue_ladder' order by (e->>'stage')::int desc limit 1) as action
       from hazards h where h.id = any($1)`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.action]));
  }
}
