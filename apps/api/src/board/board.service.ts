import { Injectable } from '@nestjs/common';
import { HAZARD_STATUSES } from '@hazards/domain/hazard/hazard-status';
import { childLevel, LISTING_LEVELS } from '@hazards/domain/hazard/vocabulary';
import { BoardRepository, type JurisdictionRow } from '@hazards/persistence/board/board.repository';
import { ESCALATION_ACTION_LABELS, type EscalationAction } from '@hazards/domain/policy/escalation-action';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiException } from '@hazards/api-contract/api-error';
import { HazardQueryService, type HazardListItem } from '@hazards/hazards/hazard-query.service';
import { PolicyProvider } from '../hazards/policy.provider';
import type { Board, BoardOverdueItem, BoardRegion } from '@hazards/hazards/board-view';
import type { BoardQuery } from './board.query';

/** A share rounded to 0.1 %, or null when there is nothing to divide by (no hazards, none closed). */
const rate = (n: number, d: number): number | null => (d > 0 ? Math.round((n / d) * 1000) / 1000 : null);

/**
 * The overdue board. Every figure is computed with HazardQueryService.filterSql (the visibility
 * rule and the list's filters), so a count here is the total GET /hazards gives for the same filters.
 */
@Injectable()
export class BoardService {
  constructor(
    private readonly reads: BoardRepository,
    private readonly hazards: HazardQueryService,
    private readonly policy: PolicyProvider,
  ) {}

  async board(user: AuthUser, q: BoardQuery): Promise<Board> {
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
    const filter = await this.hazards.filterSql(user, filters);

    const totalsRow = await this.reads.totals(filter);
    const totals = {
      ...totalsRow,
      closureRate: rate(totalsRow.closed, totalsRow.total - totalsRow.withdrawn),
      onTimeClosureRate: rate(totalsRow.closedOnTime, totalsRow.closed),
    };

    const statusRows = await this.reads.countByStatus(filter);
    const byStatus = HAZARD_STATUSES.map((status) => ({ status, count: statusRows.find((r) => r.status === status)?.n ?? 0 }));

    const levelRows = await this.reads.byListingLevel(filter);
    const byListingLevel = [...[...LISTING_LEVELS].reverse(), null].map((level) => {
      const r = levelRows.find((x) => x.level === level);
      return { level: level ?? 'none', count: r?.count ?? 0, open: r?.open ?? 0, overdue: r?.overdue ?? 0 };
    });

    const overdueByStage = await this.hazards.overdueByStage(filter);
    const byAccidentType = await this.reads.byAccidentType(filter);

    const regionLevel = scope ? childLevel(scope.level) : 'city';
    let byRegion: BoardRegion[] = [];
    if (regionLevel) {
      const rows = await this.reads.regions(filter, regionLevel, scope?.id ?? null);
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

    const trend = await this.reads.trend(filter, q.weeks ?? 12);

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
  private async scope(user: AuthUser, jurisdictionId?: string): Promise<JurisdictionRow | null> {
    const id = jurisdictionId ?? user.jurisdictionId;
    if (!id) return null;
    const j = await this.reads.jurisdiction(id);
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
    const recorded = (await this.reads.recordedStageActions(items.map((i) => i.id))) as Map<string, EscalationAction | null>;
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
