import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HAZARD_STATUSES } from '@hazards/domain/hazard/hazard-status';
import { ESCALATION_ACTION_LABELS, type EscalationAction } from '@hazards/domain/policy/escalation-action';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiException } from '@hazards/api-contract/api-error';
import { HazardQueryService, type HazardListItem } from '@hazards/hazards/hazard-query.service';
import { PolicyProvider } from '../hazards/policy.provider';
import type { BoardQuery } from './board.query';

const OPEN = `h.status not in ('closed','withdrawn')`;
/** Exactly the list's `overdue=true` condition (HazardQueryService.filterSql). */
const OVERDUE = `${OPEN} and h.rectification_deadline < now()`;
const CLOSED_ON_TIME = `h.status = 'closed' and (h.rectification_deadline is null or h.closed_at <= h.rectification_deadline)`;

/** The read-model column holding a hazard's ancestor at each level (jurisdiction path city/county/township/grid). */
const COLUMN_OF_LEVEL: Record<string, string> = { city: 'h.city_id', county: 'h.county_id', township: 'h.township_id', grid: 'h.grid_id' };
const CHILD_LEVEL: Record<string, string | null> = { city: 'county', county: 'township', township: 'grid', grid: null };

interface Scope {
  id: string;
  name: string;
  level: string;
  path: string;
}

export interface BoardRegion {
  id: string;
  name: string;
  level: string;
  total: number;
  open: number;
  overdue: number;
  closed: number;
  closedOnTime: number;
  withdrawn: number;
  overdueRate: number | null;
  closureRate: number | null;
  onTimeClosureRate: number | null;
}

export type BoardOverdueItem = HazardListItem & { stageAction: EscalationAction | null; stageLabel: { zh: string; en: string } | null };

/** A share rounded to 0.1 %, or null when there is nothing to divide by (no hazards, none closed). */
const rate = (n: number, d: number): number | null => (d > 0 ? Math.round((n / d) * 1000) / 1000 : null);

/**
 * The overdue board. Every figure is computed with HazardQueryService.filterSql (the visibility
 * rule and the list's filters), so a count here is the total GET /hazards gives for the same filters.
 */
@Injectable()
export class BoardService {
  constructor(
    private readonly ds: DataSource,
    private readonly hazards: HazardQueryService,
    private readonly policy: PolicyProvider,
  ) {}

  async board(user: AuthUser, q: BoardQuery) {
    const scope = await this.scope(user, q.jurisdictionId);
    const filters = {
      grade: q.grade,
      listingLevel: q.listingLevel,
      jurisdictionId: q.jurisdictionId,
      enterpriseId: q.enterpriseId,
      industry: q.industry,
      accidentType: q.accidentType,
      q: q.q,
    };
    const { where, params } = await this.hazards.filterSql(user, filters);
    const n = params.length;

    const [totalsRow] = await this.ds.query(
      `select count(*)::int as total, count(*) filter (where ${OPEN})::int as open, count(*) filter (where ${OVERDUE})::int as overdue,
              count(*) filter (where h.status = 'closed')::int as closed, count(*) filter (where ${CLOSED_ON_TIME})::int as "closedOnTime",
              count(*) filter (where h.status = 'withdrawn')::int as withdrawn
       from hazards h where ${where}`,
      params,
    );
    const totals = {
      ...totalsRow,
      closureRate: rate(totalsRow.closed, totalsRow.total - totalsRow.withdrawn),
      onTimeClosureRate: rate(totalsRow.closedOnTime, totalsRow.closed),
    };

    const statusRows: { status: string; n: number }[] = await this.ds.query(
      `select h.status, count(*)::int as n from hazards h where ${where} group by h.status`,
      params,
    );
    const byStatus = HAZARD_STATUSES.map((status) => ({ status, count: statusRows.find((r) => r.status === status)?.n ?? 0 }));

    const levelRows: { level: string | null; n: number; open: number; overdue: number }[] = await this.ds.query(
      `select h.listing_level as level, count(*)::int as n, count(*) filter (where ${OPEN})::int as open, count(*) filter (where ${OVERDUE})::int as overdue
       from hazards h where ${where} group by h.listing_level`,
      params,
    );
    const byListingLevel = (['city', 'county', 'township', null] as const).map((level) => {
      const r = levelRows.find((x) => x.level === level);
      return { level: level ?? 'none', count: r?.n ?? 0, open: r?.open ?? 0, overdue: r?.overdue ?? 0 };
    });

    const overdueByStage: { stage: number; count: number }[] = await this.ds.query(
      `select h.escalation_stage as stage, count(*)::int as count from hazards h where ${where} and ${OVERDUE} group by 1 order by 1`,
      params,
    );

    const byAccidentType: { accidentType: string | null; count: number; open: number; overdue: number }[] = await this.ds.query(
      `select h.accident_type as "accidentType", count(*)::int as count, count(*) filter (where ${OPEN})::int as open, count(*) filter (where ${OVERDUE})::int as overdue
       from hazards h where ${where} group by 1 order by 2 desc, 1 asc nulls last`,
      params,
    );

    const regionLevel = scope ? CHILD_LEVEL[scope.level] : 'city';
    let byRegion: BoardRegion[] = [];
    if (regionLevel) {
      const parentCond = scope ? `j.parent_id = $${n + 1}` : 'j.parent_id is null';
      const rows: Omit<BoardRegion, 'overdueRate' | 'closureRate' | 'onTimeClosureRate'>[] = await this.ds.query(
        `select j.id, j.name, j.level, count(h.id)::int as total, count(h.id) filter (where ${OPEN})::int as open,
                count(h.id) filter (where ${OVERDUE})::int as overdue, count(h.id) filter (where h.status = 'closed')::int as closed,
                count(h.id) filter (where ${CLOSED_ON_TIME})::int as "closedOnTime", count(h.id) filter (where h.status = 'withdrawn')::int as withdrawn
         from jurisdictions j left join hazards h on ${COLUMN_OF_LEVEL[regionLevel]} = j.id and ${where}
         where ${parentCond} group by j.id, j.name, j.level`,
        scope ? [...params, scope.id] : params,
      );
      byRegion = rows
        .map((r) => ({
          ...r,
          overdueRate: rate(r.overdue, r.open),
          closureRate: rate(r.closed, r.total - r.withdrawn),
          onTimeClosureRate: rate(r.closedOnTime, r.closed),
        }))
        // Worst first: most overdue, then the highest share of open hazards overdue, then most open.
        .sort(
          (a, b) =>
            b.overdue - a.overdue ||
            (b.overdueRate ?? 0) - (a.overdueRate ?? 0) ||
            b.open - a.open ||
            a.name.localeCompare(b.name, 'zh-CN'),
        );
    }

    const weeks = q.weeks ?? 12;
    // Weeks are Asia/Shanghai weeks (Monday 00:00). "Overdue" at a week's end (or now, for this week):
    // past the rectification deadline then and not closed by then. The deadline is the current one,
    // after any extensions, which is what the read model keeps.
    const trend: { week: string; overdue: number; becameOverdue: number; closed: number }[] = await this.ds.query(
      `with weeks as (
         select ws, (ws at time zone 'Asia/Shanghai') as starts, least((ws + interval '7 days') at time zone 'Asia/Shanghai', now()) as at
         from generate_series(date_trunc('week', now() at time zone 'Asia/Shanghai') - make_interval(weeks => $${n + 1}::int - 1),
                              date_trunc('week', now() at time zone 'Asia/Shanghai'), interval '7 days') ws)
       select to_char(w.ws, 'YYYY-MM-DD') as week,
              count(h.id) filter (where h.rectification_deadline < w.at and (h.closed_at is null or h.closed_at > w.at))::int as overdue,
              count(h.id) filter (where h.rectification_deadline >= w.starts and h.rectification_deadline < w.at
                                    and (h.closed_at is null or h.closed_at > h.rectification_deadline))::int as "becameOverdue",
              count(h.id) filter (where h.closed_at >= w.starts and h.closed_at < w.at)::int as closed
       from weeks w left join hazards h on ${where} and h.status <> 'withdrawn' and h.reported_at <= w.at
         and (h.rectification_deadline < w.at or h.closed_at >= w.starts)
       group by w.ws order by w.ws`,
      [...params, weeks],
    );

    const overdueList = await this.hazards.list(user, { ...filters, overdue: true, sort: 'overdue', limit: q.overdueLimit ?? 50 });
    const items = await this.withStageActions(overdueList.items);

    return {
      generatedAt: new Date().toISOString(),
      scope: scope ? { ...scope, childLevel: regionLevel } : null,
      totals,
      byStatus,
      byListingLevel,
      byRegion,
      overdueByStage,
      byAccidentType,
      trend,
      overdue: { total: overdueList.total, items },
      ladders: this.ladders(),
    };
  }

  /** The jurisdiction the board is about: the one asked for (within the caller's own), else the caller's. */
  private async scope(user: AuthUser, jurisdictionId?: string): Promise<Scope | null> {
    const id = jurisdictionId ?? user.jurisdictionId;
    if (!id) return null;
    const rows: Scope[] = await this.ds.query('select id, name, level, path from jurisdictions where id = $1', [id]);
    const j = rows[0];
    if (!j || (user.role !== 'admin' && !(user.jurisdictionPath && j.path.startsWith(user.jurisdictionPath)))) {
      // Same answer for "does not exist" and "not yours": the board reveals no other region's name.
      throw new ApiException(
        422,
        'unknown_jurisdiction',
        `辖区 ${id} 不存在或不在您的辖区内。`,
        `No jurisdiction ${id} within your reach.`,
        'jurisdictionId',
      );
    }
    return j;
  }

  /** The escalation action each overdue hazard reached: the one its workflow recorded, else the current policy's stage. */
  private async withStageActions(items: HazardListItem[]): Promise<BoardOverdueItem[]> {
    if (!items.length) return [];
    const rows: { id: string; action: EscalationAction | null }[] = await this.ds.query(
      `select h.id, (select e->>'action' from jsonb_array_elements(coalesce(h.detail->'escalations', '[]'::jsonb)) e
                     where e->>'kind' = 'overdue_ladder' order by (e->>'stage')::int desc limit 1) as action
       from hazards h where h.id = any($1)`,
      [items.map((i) => i.id)],
    );
    const recorded = new Map(rows.map((r) => [r.id, r.action]));
    const esc = this.policy.current.escalation;
    return items.map((i) => {
      const ladder = i.grade === 'major' ? esc.ladder : esc.generalLadder;
      const action = recorded.get(i.id) ?? (i.escalationStage > 0 ? (ladder[i.escalationStage - 1]?.action ?? null) : null);
      return { ...i, stageAction: action, stageLabel: action ? ESCALATION_ACTION_LABELS[action] : null };
    });
  }

  private ladders() {
    const esc = this.policy.current.escalation;
    const describe = (l: typeof esc.ladder) =>
      l.map((s, i) => ({
        stage: i + 1,
        afterOverdueWorkingDays: s.afterOverdueWorkingDays,
        action: s.action,
        label: ESCALATION_ACTION_LABELS[s.action],
      }));
    return { major: describe(esc.ladder), general: describe(esc.generalLadder) };
  }
}
