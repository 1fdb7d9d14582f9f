import { Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LiveCalendar } from '@hazards/calendar/live-calendar';
import { isProvisionalInstant } from '@hazards/domain/calendar/calendar-coverage';
import { workingDaysBetween } from '@hazards/domain/calendar/cn-calendar';
import { isOpen, type HazardStatus } from '@hazards/domain/hazard/hazard-status';
import { EvidenceRepository } from '@hazards/persistence/evidence/evidence.repository';
import { HazardReadRepository } from '@hazards/persistence/hazards/hazard-read.repository';
import { hazardFilter, type HazardFilter } from '@hazards/persistence/read-model/hazard-filter';
import type { HazardListRow } from '@hazards/persistence/read-model/read-model.sql';
import { ApiException, notFound } from '@hazards/api-contract/api-error';
import type { AuthUser } from '@hazards/access/auth-user';
import type { ListHazardsQuery } from './dto/list-hazards.query';

export interface HazardListItem {
  id: string;
  status: string;
  grade: string | null;
  listingLevel: string | null;
  enterpriseId: string;
  enterpriseName: string | null;
  jurisdictionPath: string;
  source: string;
  description: string;
  industry: string | null;
  accidentType: string | null;
  reportedAt: string;
  currentDeadline: string | null;
  rectificationDeadline: string | null;
  escalationStage: number;
  extensionCount: number;
  rejectionCount: number;
  productionStopped: boolean;
  heavierAccountability: boolean;
  closedAt: string | null;
  policyVersion: string;
  overdue: boolean;
  workingDaysOverdue: number;
  /** True when the current or the rectification deadline falls in a year without its State Council notice (an estimate). */
  deadlineProvisional: boolean;
}

/** One deadline of a hazard, with whether it is an estimate (counted into a year without its notice). */
export interface DeadlineItem {
  kind: 'planDue' | 'rectification' | 'extensionRequestCutoff' | 'extensionDecisionDue' | 'reviewDue';
  at: string;
  deadlineProvisional: boolean;
}

const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : d == null ? null : String(d));

/** The deadlines the record holds (the read model's detail), each marked provisional or not. */
export function deadlinesOf(detail: Record<string, unknown> | null, officialYears: readonly number[]): DeadlineItem[] {
  const d = (detail?.deadlines ?? {}) as Record<string, string | null>;
  const review = detail?.review as { dueAt?: string | null } | null | undefined;
  const all: [DeadlineItem['kind'], string | null | undefined][] = [
    ['planDue', d.planDue],
    ['rectification', d.rectification],
    ['extensionRequestCutoff', d.extensionRequestCutoff],
    ['extensionDecisionDue', d.extensionDecisionDue],
    ['reviewDue', review?.dueAt],
  ];
  return all
    .filter((x): x is [DeadlineItem['kind'], string] => !!x[1])
    .map(([kind, at]) => ({ kind, at, deadlineProvisional: isProvisionalInstant(at, officialYears) }));
}

export function toListItem(r: HazardListRow, now = new Date(), officialYears?: readonly number[]): HazardListItem {
  const deadline = r.rectification_deadline;
  const overdue = !!deadline && deadline.getTime() < now.getTime() && isOpen(r.status as HazardStatus);
  return {
    id: r.id,
    status: r.status,
    grade: r.grade as string | null,
    listingLevel: r.listing_level as string | null,
    enterpriseId: r.enterprise_id as string,
    enterpriseName: (r.enterprise_name as string) ?? null,
    jurisdictionPath: r.jurisdiction_path as string,
    source: r.source as string,
    description: r.description as string,
    industry: r.industry as string | null,
    accidentType: r.accident_type as string | null,
    reportedAt: iso(r.reported_at)!,
    currentDeadline: iso(r.current_deadline),
    rectificationDeadline: iso(deadline),
    escalationStage: r.escalation_stage as number,
    extensionCount: r.extension_count as number,
    rejectionCount: r.rejection_count as number,
    productionStopped: r.production_stopped as boolean,
    heavierAccountability: r.heavier_accountability as boolean,
    closedAt: iso(r.closed_at),
    policyVersion: r.policy_version as string,
    overdue,
    workingDaysOverdue: overdue ? Math.max(0, workingDaysBetween(deadline!, now)) : 0,
    deadlineProvisional:
      !!officialYears && [r.current_deadline as Date | null, deadline].some((x) => isProvisionalInstant(x, officialYears)),
  };
}

@Injectable()
export class HazardQueryService {
  /** Which years are official: deadlines beyond them are marked provisional at read time. */
  private readonly calendar: LiveCalendar;
  private readonly hazards: HazardReadRepository;
  private readonly evidence: EvidenceRepository;

  constructor(ds: DataSource, @Optional() calendar?: LiveCalendar) {
    // The API's one live calendar (CalendarModule); the CLI, which builds this service itself, its own.
    this.calendar = calendar ?? new LiveCalendar(ds);
    // Built here rather than injected while the CLI constructs this service by hand (new HazardQueryService(ds)).
    this.hazards = new HazardReadRepository(ds);
    this.evidence = new EvidenceRepository(ds);
  }

  /** The caller's visibility and the list's filters as one condition; shared by the list, its total count and exports, so they always agree. */
  async filterSql(user: AuthUser, q: ListHazardsQuery): Promise<HazardFilter> {
    const level = q.jurisdictionId ? await this.hazards.jurisdictionLevel(q.jurisdictionId) : null;
    if (q.jurisdictionId && !level)
      throw new ApiException(
        422,
        'unknown_jurisdiction',
        `辖区 ${q.jurisdictionId} 不存在。`,
        `No jurisdiction ${q.jurisdictionId}.`,
        'jurisdictionId',
      );
    return hazardFilter(user, q, level);
  }

  async list(user: AuthUser, q: ListHazardsQuery): Promise<{ items: HazardListItem[]; total: number; nextCursor: string | null }> {
    const filter = await this.filterSql(user, q);
    const limit = q.limit ?? 20;
    const total = await this.hazards.count(filter);
    const rows = await this.hazards.page(filter, {
      sort: q.sort,
      order: q.order,
      after: q.cursor ? decodeCursor(q.cursor) : undefined,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor(last.sort_value, last.id) : null;
    const now = new Date();
    const { officialYears } = await this.calendar.get();
    return { items: page.map((r) => toListItem(r, now, officialYears)), total, nextCursor };
  }

  /** Every hazard of a list view, in its order, `size` at a time (the exports). */
  async *everyPage(user: AuthUser, q: ListHazardsQuery, size: number): AsyncGenerator<HazardListItem[]> {
    const filter = await this.filterSql(user, q);
    const now = new Date();
    let after: [Date, string] | undefined;
    for (;;) {
      const rows = await this.hazards.page(filter, { sort: q.sort, order: q.order, after, limit: size });
      yield rows.map((r) => toListItem(r, now));
      if (rows.length < size) return;
      const last = rows[rows.length - 1];
      after = [last.sort_value, last.id];
    }
  }

  /** One visible hazard with its detail, timeline and evidence; 404 when not visible. */
  async get(user: AuthUser, id: string) {
    const row = await this.hazards.visibleWithDetail(user, id);
    if (!row) throw notFound();
    const timeline = await this.hazards.timeline(id);
    const evidence = await this.evidence.listForHazard(id);
    const { officialYears } = await this.calendar.get();
    return {
      ...toListItem(row, new Date(), officialYears),
      detail: row.detail,
      deadlines: deadlinesOf(row.detail, officialYears),
      timeline,
      evidence,
    };
  }

  /** True when the caller may see the hazard (used before actions and downloads). */
  async isVisible(user: AuthUser, id: string): Promise<boolean> {
    return (await this.visibleStatus(user, id)) !== null;
  }

  /** Overdue hazards of a filter by escalation stage (the board's and the statistics' figure). */
  overdueByStage(filter: HazardFilter): Promise<{ stage: number; count: number }[]> {
    return this.hazards.overdueByStage(filter);
  }

  /** The hazard's status when the caller may see it, else null. */
  visibleStatus(user: AuthUser, id: string): Promise<string | null> {
    return this.hazards.visibleStatus(user, id);
  }
}

export function encodeCursor(value: Date, id: string): string {
  return Buffer.from(JSON.stringify([value instanceof Date ? value.toISOString() : String(value), id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[1] === 'string') return [String(v[0]), v[1]];
  } catch {
    /* fall through */
  }
  throw new ApiException(400, 'bad_cursor', '分页游标无效。', 'The cursor is not one this API gave out.', 'cursor');
}
