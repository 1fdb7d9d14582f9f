import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { workingDaysBetween } from '@hazards/domain/calendar/cn-calendar';
import { median, nearestRankPercentile } from '@hazards/domain/statistics/percentiles';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiException, forbidden, unknownJurisdiction } from '@hazards/api-contract/api-error';
import { HazardQueryService } from '@hazards/hazards/hazard-query.service';
import { childLevel } from '@hazards/domain/hazard/vocabulary';
import { shanghaiYear } from '@hazards/domain/time/shanghai-time';
import type { HazardFilter } from '@hazards/persistence/read-model/hazard-filter';
import { CLOSED_ON_TIME, EVER_STOPPED, LISTED, OPEN, PENALTIES, TRACED } from '@hazards/persistence/read-model/read-model.sql';
import { StatisticsRepository, type BreakdownColumn, type JurisdictionNode } from '@hazards/persistence/statistics/statistics.repository';
import { effectiveQuotasOfChildren } from './quota.repository';
import { TRACE_FILTER_KEYS, type StatisticsQuery, type TraceFilters } from './statistics.query';
import type { Bucket, FigureQuery, RegionFigures, StatisticsReport } from './statistics.types';

const n = (v: unknown) => Number(v ?? 0);
const rate = (num: number, den: number) => (den > 0 ? num / den : null);

export type { JurisdictionNode };

/** Resolves the jurisdiction of a statistics request and checks the caller may see it. */
export async function resolveScope(ds: DataSource, user: AuthUser, jurisdictionId: string | undefined): Promise<JurisdictionNode> {
  if (user.role !== 'supervisor' && user.role !== 'admin')
    throw forbidden('仅监管人员可查看统计。', 'Only supervisors may read statistics.');
  const id = jurisdictionId ?? user.jurisdictionId;
  if (!id)
    throw new ApiException(422, 'jurisdiction_required', '请指定辖区（jurisdictionId）。', 'Give a jurisdictionId.', 'jurisdictionId');
  const node = await new StatisticsRepository(ds).jurisdiction(id);
  if (!node || (user.role === 'supervisor' && !(user.jurisdictionPath && node.path.startsWith(user.jurisdictionPath)))) {
    throw unknownJurisdiction(id);
  }
  return node;
}

/**
 * 统计: every figure of a jurisdiction's subtree and period, each the total of a hazard-list query
 * (same filters, same SQL through HazardQueryService.filterSql) or that query plus a stated condition.
 */
@Injectable()
export class StatisticsService {
  private readonly reads: StatisticsRepository;

  constructor(
    private readonly ds: DataSource,
    private readonly hazards: HazardQueryService,
  ) {
    // Built here rather than injected while the CLI constructs this service by hand.
    this.reads = new StatisticsRepository(ds);
  }

  async compute(user: AuthUser, query: StatisticsQuery): Promise<StatisticsReport> {
    const scope = await resolveScope(this.ds, user, query.jurisdictionId);
    const q: StatisticsQuery = { ...query, jurisdictionId: scope.id };
    const filter = await this.hazards.filterSql(user, q);
    const base: TraceFilters = {};
    for (const k of TRACE_FILTER_KEYS) if (q[k] !== undefined && q[k] !== null) (base as Record<string, unknown>)[k] = q[k];
    const quotaYear = q.year ?? (q.reportedFrom ? shanghaiYear(q.reportedFrom) : shanghaiYear(new Date()));

    const queries: FigureQuery[] = [];
    const trace = (label: string, filters: TraceFilters = {}, extra: string | null = null): string => {
      const id = `Q${String(queries.length + 1).padStart(2, '0')}`;
      const all = { ...base, ...filters };
      const listUrl =
        extra === null ? `/hazards?${new URLSearchParams(Object.entries(all).map(([k, v]) => [k, String(v)])).toString()}` : null;
      queries.push({ id, label, filters: all, extra, listUrl });
      return id;
    };

    // ---- totals
    // A merged duplicate (重复上报，已合并) is the same hazard as its original: found counts it once.
    const t = await this.reads.totals(filter);
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
    const closed = t.closed;

    // ---- overdue by escalation stage
    const stages = await this.hazards.overdueByStage(filter);
    const overdueByStage = stages.map((r) => ({
      stage: Number(r.stage),
      count: r.count,
      q: trace(`超期（督办第${r.stage}级）/ overdue at stage ${r.stage}`, { overdue: true }, `h.escalation_stage = ${Number(r.stage)}`),
    }));

    // ---- time to close, in working days (Chinese calendar), computed outside SQL
    const closedRows = await this.reads.closedSpans(filter);
    const days = closedRows.map((r) => Math.max(0, workingDaysBetween(r.reported_at, r.closed_at)));
    traces.timeToClose = trace('销号用时（工作日）/ working days to close', { status: 'closed' });

    // ---- penalties
    const penalties = await this.reads.penalties(filter);
    traces.penalties = trace('行政处罚（件数、金额）/ penalties', {}, `jsonb_array_length(${PENALTIES}) > 0`);

    // ---- breakdowns
    // Breakdowns count each hazard once (merged duplicates out, list filter merged=false), except by
    // source: there each discovery counts, so a hazard reported by the grid and by the enterprise
    // counts under both (its merged duplicate keeps its own source).
    const bucket = async (
      column: BreakdownColumn,
      label: string,
      filterKey: 'industry' | 'accidentType' | 'grade' | 'source',
      names: (k: string | null) => string,
      eachDiscovery = false,
    ): Promise<Bucket[]> => {
      const once: TraceFilters = eachDiscovery ? {} : { merged: false };
      const rows = await this.reads.countBy(filter, column, eachDiscovery ? 'every report' : 'each hazard once');
      return rows.map((r) => ({
        key: r.k,
        label: names(r.k),
        count: r.count,
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
    const byRegion = await this.regions(scope, filter, quotaYear, trace);
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
        found: t.total,
        withdrawn: t.withdrawn,
        open: t.open,
        overdue: t.overdue,
        closed,
        closedOnTime: t.closedOnTime,
        onTimeRate: rate(t.closedOnTime, closed),
        major: t.major,
        general: t.general,
        ungraded: t.ungraded,
        listed: t.listed,
      },
      overdueByStage,
      timeToClose: {
        closed: days.length,
        medianWorkingDays: median(days),
        p90WorkingDays: nearestRankPercentile(days, 90),
        q: traces.timeToClose,
      },
      production: { currentlyStopped: t.stoppedNow, everStopped: t.everStopped },
      penalties,
      tracings: t.traced,
      heavierAccountability: t.heavier,
      listedByLevel: { township: t.listedTownship, county: t.listedCounty, city: t.listedCity, total: t.listed },
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
    filter: HazardFilter,
    year: number,
    trace: (label: string, filters?: TraceFilters, extra?: string | null) => string,
  ): Promise<RegionFigures[]> {
    const level = childLevel(scope.level);
    if (!level) return [];
    const children = await this.reads.children(scope.id);
    const rows = await this.reads.byRegion(filter, level);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const quotas = await effectiveQuotasOfChildren(this.ds, scope.id, year);
    return children.map((c) => {
      const r = byId.get(c.id);
      const listed = { township: n(r?.listedTownship), county: n(r?.listedCounty), city: n(r?.listedCity), total: 0 };
      listed.total = listed.township + listed.county + listed.city;
      const quota = quotas.get(c.id)?.minListed ?? null;
      const found = n(r?.total);
      const withdrawn = n(r?.withdrawn);
      return {
        id: c.id,
        name: c.name,
        kind: c.kind,
        found,
        withdrawn,
        open: n(r?.open),
        overdue: n(r?.overdue),
        closed: n(r?.closed),
        closedOnTime: n(r?.closedOnTime),
        overdueRate: rate(n(r?.overdue), found - withdrawn),
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
