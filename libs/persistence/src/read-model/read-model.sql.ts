import { TERMINAL_STATUSES } from '@hazards/domain/hazard/hazard-status';
import {
  JURISDICTION_LEVELS,
  LISTING_LEVELS,
  type JurisdictionLevel,
  type ListingLevel,
  type Role,
} from '@hazards/domain/hazard/vocabulary';

/*
 * The read model's query language: conditions on the `hazards` table (alias h), written once and
 * derived from the domain's vocabulary, so the lists, the board, the work queue, the statistics,
 * the exports and the metrics count the same hazards. The partial indexes of the migrations
 * (e.g. on rectification_deadline where status not in ('closed','withdrawn')) are written with the
 * same text, which is what lets PostgreSQL use them.
 */

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',');

/** Not closed nor withdrawn (isOpen of the domain). */
export const OPEN = `h.status not in (${list(TERMINAL_STATUSES)})`;
/** Open and past the rectification deadline: exactly the lists' `overdue=true`. */
export const OVERDUE = `${OPEN} and h.rectification_deadline < now()`;
/** The lists' `overdue=false`: everything OVERDUE does not hold for (a hazard without a deadline included). */
export const NOT_OVERDUE = `not (${OPEN} and coalesce(h.rectification_deadline < now(), false))`;
/** Closed on or before the rectification deadline in force at closure (or with none, e.g. fixed at once). */
export const CLOSED_ON_TIME = `h.status = 'closed' and (h.rectification_deadline is null or h.closed_at <= h.rectification_deadline)`;
/** Listed (挂牌督办) at some level, and not withdrawn afterwards: what counts against a quota. */
export const LISTED = `h.listing_level is not null and h.status <> 'withdrawn'`;
/** Listed at `level` and not withdrawn. */
const listedAt = (level: ListingLevel) => `h.listing_level = '${level}' and h.status <> 'withdrawn'`;

/**
 * 重复上报已合并: withdrawn as a duplicate and linked to its original (POST /hazards/{id}/merge, or a
 * withdrawal naming the original). The hazard is counted once, under its original; the report
 * still counts as a discovery by its own source.
 */
export const MERGED_DUPLICATE = `(h.status = 'withdrawn' and h.detail->'withdrawal'->>'duplicateOf' is not null)`;
/** Each hazard once: every report but merged duplicates (the lists' merged=false). */
export const COUNTED_ONCE = `not ${MERGED_DUPLICATE}`;

/** Whom a summary counts: every report (the board), or each hazard once, merged duplicates left out (the statistics). */
export type Counting = 'every report' | 'each hazard once';

/**
 * What every summary of hazards counts (the board, the statistics, per region): as integer columns
 * total, withdrawn, open, overdue, closed, "closedOnTime". count(h.id), not count(*), so a region
 * left-joined to no hazard counts 0. A merged duplicate is withdrawn, so only total and withdrawn
 * depend on the counting.
 */
export function outcomeCounts(counting: Counting): string {
  const once = counting === 'each hazard once' ? ` and ${COUNTED_ONCE}` : '';
  return `count(h.id)${once ? ` filter (where ${COUNTED_ONCE})` : ''}::int as total,
  count(h.id) filter (where h.status = 'withdrawn'${once})::int as withdrawn,
  count(h.id) filter (where ${OPEN})::int as open, count(h.id) filter (where ${OVERDUE})::int as overdue,
  count(h.id) filter (where h.status = 'closed')::int as closed, count(h.id) filter (where ${CLOSED_ON_TIME})::int as "closedOnTime"`;
}
export interface OutcomeCounts {
  total: number;
  withdrawn: number;
  open: number;
  overdue: number;
  closed: number;
  closedOnTime: number;
}

/** Hazards listed and not withdrawn, per listing level, as integer columns "listedTownship", "listedCounty", "listedCity". */
export const LISTED_BY_LEVEL = LISTING_LEVELS.map(
  (l) => `count(h.id) filter (where ${listedAt(l)})::int as "listed${l[0].toUpperCase()}${l.slice(1)}"`,
).join(', ');
export interface ListedByLevel {
  listedTownship: number;
  listedCounty: number;
  listedCity: number;
}
const jsonArray = (expr: string) => `(case when jsonb_typeof(${expr}) = 'array' then ${expr} else '[]'::jsonb end)`;
/** A production stop (停产) was ordered at some time. */
export const EVER_STOPPED = `exists (select 1 from jsonb_array_elements(${jsonArray(`h.detail->'production'->'changes'`)}) c where c->>'action' = 'ordered')`;
/** 责任倒查 has run. */
export const TRACED = `jsonb_typeof(h.detail->'tracing') = 'object'`;
/** The hazard's penalties (行政处罚) as a JSON array, empty when none. */
export const PENALTIES = jsonArray(`h.detail->'penalties'`);

/** What a list item shows (HAZARD_LIST_FROM's aliases h and e). */
export const HAZARD_LIST_COLUMNS = `h.id, h.status, h.grade, h.listing_level, h.enterprise_id, e.name as enterprise_name, h.jurisdiction_path,
  h.county_id, h.township_id, h.grid_id, h.source, h.description, h.industry, h.accident_type, h.reported_at, h.current_deadline,
  h.rectification_deadline, h.escalation_stage, h.extension_count, h.rejection_count, h.production_stopped,
  h.heavier_accountability, h.closed_at, h.policy_version`;
/** Hazards with their enterprise's name. */
export const HAZARD_LIST_FROM = 'hazards h left join enterprises e on e.id = h.enterprise_id';

/** A row of HAZARD_LIST_COLUMNS. */
export type HazardListRow = Record<string, unknown> & {
  id: string;
  status: string;
  reported_at: Date;
  rectification_deadline: Date | null;
};

/** The read-model column holding the id of a hazard's node at each level of the jurisdiction tree. */
export const LEVEL_COLUMN = Object.fromEntries(JURISDICTION_LEVELS.map((level) => [level, `${level}_id`])) as Record<
  JurisdictionLevel,
  string
>;

/** Who is asking: what decides which hazards they may know exist. */
export interface HazardReader {
  role: Exclude<Role, 'system'>;
  jurisdictionId: string | null;
  jurisdictionLevel: JurisdictionLevel | null;
  enterpriseId: string | null;
}

/**
 * Which hazards a caller may know exist, as a condition on h (its value appended to `params`).
 * Supervisors and grid inspectors see their jurisdiction's subtree, enterprise users their own
 * enterprise, admins everything (read-only), assessors nothing through lists.
 */
export function visibleHazards(reader: HazardReader, params: unknown[]): string {
  switch (reader.role) {
    case 'admin':
      return 'true';
    case 'supervisor':
    case 'grid_inspector':
      if (!reader.jurisdictionId || !reader.jurisdictionLevel) return 'false';
      // The read model keeps one id column per level; equality on it is the subtree, and indexed.
      params.push(reader.jurisdictionId);
      return `h.${LEVEL_COLUMN[reader.jurisdictionLevel]} = $${params.length}`;
    case 'enterprise':
      if (!reader.enterpriseId) return 'false';
      params.push(reader.enterpriseId);
      return `h.enterprise_id = $${params.length}`;
    default:
      return 'false';
  }
}
