import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { workingDaysBetween } from '@hazards/domain/calendar/cn-calendar';
import { median, nearestRankPercentile } from '@hazards/domain/statistics/percentiles';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiException, forbidden, unknownJurisdiction } from '@hazards/api-contract/api-error';
import { HazardQueryService } from '@hazards/hazards/hazard-query.service';
import { effectiveQuotasOfChildren } from './quota.repository';
import { TRACE_FILTER_KEYS, type StatisticsQuery, type TraceFilters } from './statistics.query';
import {
  CHILD_LEVEL,
  CLOSED_ON_TIME,
  COUNTED_ONCE,
  EVER_STOPPED,
  LEVEL_ID_COLUMN,
  LISTED,
  OPEN,
  OVERDUE,
  PENALTIES,
  TRACED,
} from './statistics.sql';
import type { Bucket, FigureQuery, RegionFigures, StatisticsReport } from './statistics.types';

const n = (v: unknown) => Number(v ?? 0);
const rate = (num: number, den: number) => (den > 0 ? num / den : null);

export interface JurisdictionNode {
  id: string;
  name: string;
  level: string;
  kind: string;
  path: string;
}

/** Resolves the jurisdiction of a statistics request and checks the caller may see it. */
export async function resolveScope(ds: DataSource, user: AuthUser, jurisdictionId: string | undefined): Promise<JurisdictionNode> {
  if (user.role !== 'supervisor' && user.role !== 'admin')
    throw forbidden('仅监管人员可查看统计。', 'Only supervisors may read statistics.');
  const id = jurisdictionId ?? user.jurisdictionId;
  if (!id)
    throw new ApiException(422, 'jurisdiction_required', '请指定辖区（jurisdictionId）。', 'Give a jurisdictionId.', 'jurisdictionId');
  const rows: JurisdictionNode[] = await ds.query('select id, name, level, kind, path from jurisdictions where id = $1', [id]);
  const node = rows[0];
  if (!node || (user.role === 'supervisor' && !(user.jurisdictionPath && node.path.startsWith(user.jurisdictionPath)))) {
    throw unknownJurisdiction(id);
  }
  return node;
}

/** The Shanghai calendar year of an ISO instant. */
const shanghaiYear = (iso: string) => new Date(Date.parse(iso) + 8 * 3600 * 1000).getUTCFullYear();

/**
 * 统计: every figure of a jurisdiction's subtree and period, each the total of a hazard-list query
 * (same filters, same SQL through HazardQueryService.filterSql) or that query plus a stated condition.
 */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly ds: DataSource,
    private readonly hazards: HazardQueryService,
  ) {}

  async compute(user: AuthUser, query: StatisticsQuery): Promise<StatisticsReport> {
    const scope = await resolveScope(this.ds, user, query.jurisdictionId);
    const q: StatisticsQuery = { ...query, jurisdictionId: scope.id };
    const { where, params } = await this.hazards.filterSql(user, q);
    const base: TraceFilters = {};
    for (const k of TRACE_FILTER_KEYS) if (q[k] !== undefined && q[k] !== null) (base as Record<string, unknown>)[k] = q[k];
    const quotaYear = q.year ?? (q.reportedFrom ? shanghaiYear(q.reportedFrom) : shanghaiYear(new Date().toISOString()));

    const queries: FigureQuery[] = [];
    const trace = (label: string, filters: TraceFilters = {}, extra: string | null = null): string => {
      const id = `Q${String(queries.length + 1).padStart(2, '0')}`;
      const all = { ...base, ...filters };
      const listUrl =
        extra === null ? `/hazards?${new URLSearchParams(Object.entries(all).map(([k, v]) => [k, String(v)])).toString()}` : null;
      queries.push({ id, label, filters: all, extra, listUrl });
      return id;
    };
    const sql = (select: string, extraWhere = 'true', tail = '') =>
      this.ds.query(`select ${select} from hazards h where ${where} and (${extraWhere}) ${tail}`, params);

    // ---- totals
    // A merged duplicate (重复上报，已合并) is the same hazard as its original: found counts it once.
    const [t] = await sql(`count(*) filter (where ${COUNTED_ONCE}) as found,
      count(*) filter (where h.status = 'withdrawn' and ${COUNTED_ONCE}) as withdrawn,
      count(*) filter (where ${OPEN}) as open,
      count(*) filter (where ${OVERDUE}) as overdue,
      count(*) filter (where h.status = 'closed') as closed,
      count(*) filter (where ${CLOSED_ON_TIME}) as closed_on_time,
      count(*) filter (where h.grade = 'major') as major,
      count(*) filter (where h.grade = 'general') as general,
      count(*) filter (where h.grade is null) as ungraded,
      count(*) filter (where ${LISTED}) as listed,
      count(*) filter (where h.listing_level = 'township' and h.status <> 'withdrawn') as listed_township,
      count(*) filter (where h.listing_level = 'county' and h.status <> 'withdrawn') as listed_county,
      count(*) filter (where h.listing_level = 'city' and h.status <> 'withdrawn') as listed_city,
      count(*) filter (where h.production_stopped) as stopped_now,
      count(*) filter (where ${EVER_STOPPED}) as ever_stopped,
      count(*) filter (where ${TRACED}) as traced,
      count(*) filter (where h.heavier_accountability) as heavier`);
    const traces: Record<string, string> = {
      found: trace('排查隐患（重复上报合并后只计一次，计在原隐患下）/ hazards found (a merged duplicate counts once, under its original)', {
        merged: false,
      }),
      withdrawn: trace('撤销（不实，及未合并的重复）/ withdrawn (false reports, unmerged duplicates)', {
        status: 'withdrawn',
        merged: false,
      }),
      open: trace('未销号 / open', {}, OPEN),
      overdue: trace('超期未整改 / overdue', { overdue: true }),
      closed: trace('已销号 / closed', { status: 'closed' }),
      closedOnTime: trace('按期销号 / closed on time', { status: 'closed' }, CLOSED_ON_TIME),
      major: trace('重大隐患 / major', { grade: 'major' }),
      general: trace('一般隐患 / general', { grade: 'general' }),
      ungraded: trace('未定级 / not graded yet', {}, 'h.grade is null'),
      listed: trace('挂牌督办（不含撤销）/ listed, not withdrawn', {}, LISTED),
      currentlyStopped: trace('停产整改中 / production stopped now', {}, 'h.production_stopped'),
      everStopped: trace('责令停产（含已复产）/ production stop ordered', {}, EVER_STOPPED),
      tracings: trace('责任倒查 / responsibility tracings', {}, TRACED),
      heavierAccountability: trace('从重追究 / heavier accountability', {}, 'h.heavier_accountability'),
    };
    const closed = n(t.closed);

    // ---- overdue by escalation stage
    const stages: { stage: number; count: string }[] = await sql(
      'h.escalation_stage as stage, count(*) as count',
      OVERDUE,
      'group by 1 order by 1',
    );
    const overdueByStage = stages.map((r) => ({
      stage: Number(r.stage),
      count: n(r.count),
      q: trace(`超期（督办第${r.stage}级）/ overdue at stage ${r.stage}`, { overdue: true }, `h.escalation_stage = ${Number(r.stage)}`),
    }));

    // ---- time to close, in working days (Chinese calendar), computed outside SQL
    const closedRows: { reported_at: Date; closed_at: Date }[] = await sql(
      'h.reported_at, h.closed_at',
      `h.status = 'closed' and h.closed_at is not null`,
    );
    const days = closedRows.map((r) => Math.max(0, workingDaysBetween(r.reported_at, r.closed_at)));
    traces.timeToClose = trace('销号用时（工作日）/ working days to close', { status: 'closed' });

    // ---- penalties
    const [p] = await this.ds.query(
      `select count(pe.*) as count, coalesce(sum((pe.value->>'amountYuan')::numeric), 0) as amount
         from hazards h cross join lateral jsonb_array_elements(${PENALTIES}) pe where ${where}`,
      params,
    );
    traces.penalties = trace('行政处罚（件数、金额）/ penalties', {}, `jsonb_array_length(${PENALTIES}) > 0`);

    // ---- breakdowns
    // Breakdowns count each hazard once (merged duplicates out, list filter merged=false), except by
    // source: there each discovery counts, so a hazard reported by the grid and by the enterprise
    // counts under both (its merged duplicate keeps its own source).
    const bucket = async (
      column: string,
      label: string,
      filterKey: 'industry' | 'accidentType' | 'grade' | 'source',
      names: (k: string | null) => string,
      eachDiscovery = false,
    ): Promise<Bucket[]> => {
      const once: TraceFilters = eachDiscovery ? {} : { merged: false };
      const rows: { k: string | null; count: string }[] = await sql(
        `h.${column} as k, count(*) as count`,
        eachDiscovery ? 'true' : COUNTED_ONCE,
        'group by 1 order by count(*) desc, 1 asc nulls last',
      );
      return rows.map((r) => ({
        key: r.k,
        label: names(r.k),
        count: n(r.count),
        q:
          r.k === null
            ? trace(`${label}：${names(null)}`, once, `h.${column} is null`)
            : trace(`${label}：${names(r.k)}`, { ...once, [filterKey]: r.k }),
      }));
    };
    const byIndustry = await bucket('industry', '行业 / industry', 'industry', (k) => k ?? '未分类');
    const byAccidentType = await bucket('accident_type', '事故类别 / accident type', 'accidentType', (k) => k ?? '未分类');
    const byGrade = await bucket('grade', '等级 / grade', 'grade', (k) =>
      k === 'major' ? '重大隐患' : k === 'general' ? '一般隐患' : '未定级',
    );
    const bySource = await bucket(
      'source',
      '来源（每次发现各计一次，含已合并的重复上报）/ source (each discovery counts, merged duplicates included)',
      'source',
      (k) => k ?? '未注明',
      true,
    );

    // ---- regions one level down, with listing quotas
    const byRegion = await this.regions(scope, where, params, quotaYear, trace);
    const ranking = [...byRegion]
      .sort((a, b) => {
        if (a.overdueRate === null || b.overdueRate === null)
          return a.overdueRate === null ? (b.overdueRate === null ? a.id.localeCompare(b.id) : 1) : -1;
        return b.overdueRate - a.overdueRate || b.overdue - a.overdue || a.id.localeCompare(b.id);
      })
      .map((r, i) => ({
        rank: i + 1,
        id: r.id,
        name: r.name,
        overdue: r.overdue,
        base: r.found - r.withdrawn,
        overdueRate: r.overdueRate,
      }));

    return {
      jurisdiction: { id: scope.id, name: scope.name, level: scope.level, kind: scope.kind },
      period: { from: q.reportedFrom ?? null, to: q.reportedTo ?? null },
      quotaYear,
      generatedAt: new Date().toISOString(),
      totals: {
        found: n(t.found),
        withdrawn: n(t.withdrawn),
        open: n(t.open),
        overdue: n(t.overdue),
        closed,
        closedOnTime: n(t.closed_on_time),
        onTimeRate: rate(n(t.closed_on_time), closed),
        major: n(t.major),
        general: n(t.general),
        ungraded: n(t.ungraded),
        listed: n(t.listed),
      },
      overdueByStage,
      timeToClose: {
        closed: days.length,
        medianWorkingDays: median(days),
        p90WorkingDays: nearestRankPercentile(days, 90),
        q: traces.timeToClose,
      },
      production: { currentlyStopped: n(t.stopped_now), everStopped: n(t.ever_stopped) },
      penalties: { count: n(p.count), amountYuan: Number(p.amount) },
      tracings: n(t.traced),
      heavierAccountability: n(t.heavier),
      listedByLevel: { township: n(t.listed_township), county: n(t.listed_county), city: n(t.listed_city), total: n(t.listed) },
      byRegion,
      byIndustry,
      byAccidentType,
      byGrade,
      bySource,
      ranking,
      traces,
      queries,
    };
  }

  private async regions(
    scope: JurisdictionNode,
    where: string,
    params: unknown[],
    year: number,
    trace: (label: string, filters?: TraceFilters, extra?: string | null) => string,
  ): Promise<RegionFigures[]> {
    const childLevel = CHILD_LEVEL[scope.level];
    if (!childLevel) return [];
    const col = LEVEL_ID_COLUMN[childLevel];
    const children: { id: string; name: string; kind: string }[] = await this.ds.query(
      'select id, name, kind from jurisdictions where parent_id = $1 order by id',
      [scope.id],
    );
    const rows: Record<string, string>[] = await this.ds.query(
      `select h.${col} as id, count(*) filter (where ${COUNTED_ONCE}) as found,
         count(*) filter (where h.status = 'withdrawn' and ${COUNTED_ONCE}) as withdrawn,
         count(*) filter (where ${OPEN}) as open,
         count(*) filter (where ${OVERDUE}) as overdue,
         count(*) filter (where h.status = 'closed') as closed,
         count(*) filter (where ${CLOSED_ON_TIME}) as closed_on_time,
         count(*) filter (where h.listing_level = 'township' and h.status <> 'withdrawn') as listed_township,
         count(*) filter (where h.listing_level = 'county' and h.status <> 'withdrawn') as listed_county,
         count(*) filter (where h.listing_level = 'city' and h.status <> 'withdrawn') as listed_city
       from hazards h where ${where} group by 1`,
      params,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const quotas = await effectiveQuotasOfChildren(this.ds, scope.id, year);
    return children.map((c) => {
      const r = byId.get(c.id) ?? {};
      const listed = { township: n(r.listed_township), county: n(r.listed_county), city: n(r.listed_city), total: 0 };
      listed.total = listed.township + listed.county + listed.city;
      const quota = quotas.get(c.id)?.minListed ?? null;
      const found = n(r.found);
      const withdrawn = n(r.withdrawn);
      return {
        id: c.id,
        name: c.name,
        kind: c.kind,
        found,
        withdrawn,
        open: n(r.open),
        overdue: n(r.overdue),
        closed: n(r.closed),
        closedOnTime: n(r.closed_on_time),
        overdueRate: rate(n(r.overdue), found - withdrawn),
        listed,
        quota,
        quotaBasis: quota === null ? null : (quotas.get(c.id)?.basis ?? null),
        quotaSource: quotas.get(c.id)?.source ?? null,
        belowQuota: quota === null ? null : listed.total < quota,
        q: {
          found: trace(`地区：${c.name}`, { jurisdictionId: c.id, merged: false }),
          overdue: trace(`地区超期：${c.name}`, { jurisdictionId: c.id, overdue: true }),
          listed: trace(`地区挂牌督办：${c.name}`, { jurisdictionId: c.id }, LISTED),
        },
      };
    });
  }
}
