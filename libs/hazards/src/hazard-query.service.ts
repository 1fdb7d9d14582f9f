import { Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LiveCalendar } from '@hazards/calendar/live-calendar';
import { isProvisionalInstant } from '@hazards/domain/calendar/calendar-coverage';
import { workingDaysBetween } from '@hazards/domain/calendar/cn-calendar';
import { ApiException, notFound } from '@hazards/api-contract/api-error';
import type { AuthUser } from '@hazards/access/auth-user';
import type { ListHazardsQuery } from './dto/list-hazards.query';
import { MERGED_DUPLICATE } from '@hazards/statistics/statistics.sql';
import { LEVEL_COLUMN, visibleHazardsCondition } from '@hazards/access/hazard-access';

const COLUMNS = `h.id, h.status, h.grade, h.listing_level, h.enterprise_id, e.name as enterprise_name, h.jurisdiction_path,
  h.county_id, h.township_id, h.grid_id, h.source, h.description, h.industry, h.accident_type, h.reported_at, h.current_deadline,
  h.rectification_deadline, h.escalation_stage, h.extension_count, h.rejection_count, h.production_stopped,
  h.heavier_accountability, h.closed_at, h.policy_version`;

/** Sort keys: the column, and whether null deadlines sort last. Overdue = most overdue first by default. */
const SORTS = {
  reportedAt: { column: 'h.reported_at', defaultOrder: 'desc' },
  deadline: { column: 'h.rectification_deadline', defaultOrder: 'asc' },
  overdue: { column: 'h.rectification_deadline', defaultOrder: 'asc' },
} as const;

const OPEN = `h.status not in ('closed','withdrawn')`;

type Row = Record<string, unknown> & { id: string; rectification_deadline: Date | null; status: string; reported_at: Date };

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

export function toListItem(r: Row, now = new Date(), officialYears?: readonly number[]): HazardListItem {
  const deadline = r.rectification_deadline;
  const overdue = !!deadline && deadline.getTime() < now.getTime() && !['closed', 'withdrawn'].includes(r.status);
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

  constructor(
    private readonly ds: DataSource,
    @Optional() calendar?: LiveCalendar,
  ) {
    // The API's one live calendar (CalendarModule); the CLI, which builds this service itself, its own.
    this.calendar = calendar ?? new LiveCalendar(ds);
  }

  /** Filters as SQL; shared by the list, its total count and exports, so they always agree. */
  async filterSql(user: AuthUser, q: ListHazardsQuery): Promise<{ where: string; params: unknown[] }> {
    const params: unknown[] = [];
    const where = [visibleHazardsCondition(user, params)];
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (q.status) add((p) => `h.status = ${p}`, q.status);
    if (q.grade) add((p) => `h.grade = ${p}`, q.grade);
    if (q.listingLevel) add((p) => `h.listing_level = ${p}`, q.listingLevel);
    if (q.enterpriseId) add((p) => `h.enterprise_id = ${p}`, q.enterpriseId);
    if (q.industry) add((p) => `h.industry = ${p}`, q.industry);
    if (q.accidentType) add((p) => `h.accident_type = ${p}`, q.accidentType);
    if (q.source) add((p) => `h.source = ${p}`, q.source);
    if (q.reportedFrom) add((p) => `h.reported_at >= ${p}`, q.reportedFrom);
    if (q.reportedTo) add((p) => `h.reported_at < ${p}`, q.reportedTo);
    if (q.dueBefore) add((p) => `h.rectification_deadline < ${p}`, q.dueBefore);
    if (q.dueAfter) add((p) => `h.rectification_deadline >= ${p}`, q.dueAfter);
    if (q.q) add((p) => `h.description ilike ${p}`, `%${q.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
    if (q.overdue === true) where.push(`${OPEN} and h.rectification_deadline < now()`);
    if (q.overdue === false) where.push(`not (${OPEN} and coalesce(h.rectification_deadline < now(), false))`);
    if (q.merged === true) where.push(MERGED_DUPLICATE);
    if (q.merged === false) where.push(`not ${MERGED_DUPLICATE}`);
    if (q.jurisdictionId) {
      const rows: { level: keyof typeof LEVEL_COLUMN }[] = await this.ds.query('select level from jurisdictions where id = $1', [
        q.jurisdictionId,
      ]);
      if (!rows[0])
        throw new ApiException(
          422,
          'unknown_jurisdiction',
          `辖区 ${q.jurisdictionId} 不存在。`,
          `No jurisdiction ${q.jurisdictionId}.`,
          'jurisdictionId',
        );
      add((p) => `h.${LEVEL_COLUMN[rows[0].level]} = ${p}`, q.jurisdictionId);
    }
    return { where: where.join(' and '), params };
  }

  async list(user: AuthUser, q: ListHazardsQuery): Promise<{ items: HazardListItem[]; total: number; nextCursor: string | null }> {
    const { where, params } = await this.filterSql(user, q);
    const sort = SORTS[q.sort ?? 'reportedAt'];
    const order = (q.order ?? sort.defaultOrder) === 'asc' ? 'asc' : 'desc';
    const limit = q.limit ?? 20;
    const countRows: { n: string }[] = await this.ds.query(`select count(*)::text as n from hazards h where ${where}`, params);
    const pageParams = [...params];
    const conds = [where];
    if (q.sort === 'overdue') conds.push(`${OPEN} and h.rectification_deadline < now()`);
    // Keyset paging on (sort value, id): stable under inserts, and cheap on deep pages.
    // Overdue lists have a deadline by definition: order on the bare column, which the partial
    // indexes (level id, rectification_deadline) serve without a sort.
    const sortExpr = q.sort === 'overdue' ? sort.column : `coalesce(${sort.column}, 'infinity'::timestamptz)`;
    if (q.cursor) {
      const [value, id] = decodeCursor(q.cursor);
      pageParams.push(value, id);
      const cmp = order === 'asc' ? '>' : '<';
      conds.push(`(${sortExpr}, h.id) ${cmp} ($${pageParams.length - 1}::timestamptz, $${pageParams.length})`);
    }
    pageParams.push(limit + 1);
    const rows: Row[] = await this.ds.query(
      `select ${COLUMNS}, ${sortExpr} as sort_value from hazards h left join enterprises e on e.id = h.enterprise_id
       where ${conds.join(' and ')} order by ${sortExpr} ${order}, h.id ${order} limit $${pageParams.length}`,
      pageParams,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor(last.sort_value as Date, last.id) : null;
    const now = new Date();
    const { officialYears } = await this.calendar.get();
    return { items: page.map((r) => toListItem(r, now, officialYears)), total: Number(countRows[0].n), nextCursor };
  }

  /** One visible hazard with its detail, timeline and evidence; 404 when not visible. */
  async get(user: AuthUser, id: string) {
    const params: unknown[] = [id];
    const rows: Row[] = await this.ds.query(
      `select ${COLUMNS}, h.detail from hazards h left join enterprises e on e.id = h.enterprise_id
       where h.id = $1 and ${visibleHazardsCondition(user, params)}`,
      params,
    );
    if (!rows[0]) throw notFound();
    const timeline = await this.ds.query(
      `select seq, step, at, actor_id as "actorId", actor->>'name' as "actorName", actor_role as "actorRole",
              from_status as "fromStatus", to_status as "toStatus", reason, data, recorded_at as "recordedAt"
       from hazard_history where hazard_id = $1 order by seq`,
      [id],
    );
    const evidence = await this.ds.query(
      `select id, file_name as "fileName", content_type as "contentType", size_bytes::int as "sizeBytes", sha256,
              uploaded_by as "uploadedBy", uploaded_at as "uploadedAt", purpose
       from evidence_files where hazard_id = $1 order by uploaded_at`,
      [id],
    );
    const { officialYears } = await this.calendar.get();
    const detail = rows[0].detail as Record<string, unknown>;
    return { ...toListItem(rows[0], new Date(), officialYears), detail, deadlines: deadlinesOf(detail, officialYears), timeline, evidence };
  }

  /** True when the caller may see the hazard (used before actions and downloads). */
  async isVisible(user: AuthUser, id: string): Promise<boolean> {
    return (await this.visibleStatus(user, id)) !== null;
  }

  /** The hazard's status when the caller may see it, else null. */
  async visibleStatus(user: AuthUser, id: string): Promise<string | null> {
    const params: unknown[] = [id];
    const rows: { status: string }[] = await this.ds.query(
      `select h.status from hazards h where h.id = $1 and ${visibleHazardsCondition(user, params)}`,
      params,
    );
    return rows[0]?.status ?? null;
  }
}

function encodeCursor(value: Date, id: string): string {
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
