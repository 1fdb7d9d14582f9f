import type { JurisdictionLevel } from '@hazards/domain/hazard/vocabulary';
import { COUNTED_ONCE, LEVEL_COLUMN, MERGED_DUPLICATE, NOT_OVERDUE, OVERDUE, visibleHazards, type HazardReader } from './read-model.sql';

/** The filters of a hazard list (GET /hazards), which the board, the statistics and the exports share. */
export interface HazardFilters {
  status?: string;
  grade?: string;
  listingLevel?: string;
  /** A jurisdiction's whole subtree. */
  jurisdictionId?: string;
  enterpriseId?: string;
  industry?: string;
  accidentType?: string;
  source?: string;
  reportedFrom?: string;
  reportedTo?: string;
  dueBefore?: string;
  dueAfter?: string;
  /** Text search in the description. */
  q?: string;
  overdue?: boolean;
  /** true: only merged duplicates (重复上报已合并); false: each hazard once, merged duplicates left out. */
  merged?: boolean;
}

/** A condition on the read model (alias h) and its parameters: what every hazard query of a list view shares. */
export interface HazardFilter {
  where: string;
  params: unknown[];
}

/**
 * The visibility rule and the filters as one condition; shared by the list, its total count,
 * the board, the statistics and the exports, so they always agree. `jurisdictionLevel` is the
 * level of `f.jurisdictionId` (looked up by the caller, who refuses an unknown one).
 */
export function hazardFilter(reader: HazardReader, f: HazardFilters, jurisdictionLevel: JurisdictionLevel | null): HazardFilter {
  const params: unknown[] = [];
  const where = [visibleHazards(reader, params)];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (f.status) add((p) => `h.status = ${p}`, f.status);
  if (f.grade) add((p) => `h.grade = ${p}`, f.grade);
  if (f.listingLevel) add((p) => `h.listing_level = ${p}`, f.listingLevel);
  if (f.enterpriseId) add((p) => `h.enterprise_id = ${p}`, f.enterpriseId);
  if (f.industry) add((p) => `h.industry = ${p}`, f.industry);
  if (f.accidentType) add((p) => `h.accident_type = ${p}`, f.accidentType);
  if (f.source) add((p) => `h.source = ${p}`, f.source);
  if (f.reportedFrom) add((p) => `h.reported_at >= ${p}`, f.reportedFrom);
  if (f.reportedTo) add((p) => `h.reported_at < ${p}`, f.reportedTo);
  if (f.dueBefore) add((p) => `h.rectification_deadline < ${p}`, f.dueBefore);
  if (f.dueAfter) add((p) => `h.rectification_deadline >= ${p}`, f.dueAfter);
  if (f.q) add((p) => `h.description ilike ${p}`, `%${f.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
  if (f.overdue === true) where.push(OVERDUE);
  if (f.overdue === false) where.push(NOT_OVERDUE);
  if (f.merged === true) where.push(MERGED_DUPLICATE);
  if (f.merged === false) where.push(COUNTED_ONCE);
  if (f.jurisdictionId && jurisdictionLevel) add((p) => `h.${LEVEL_COLUMN[jurisdictionLevel]} = ${p}`, f.jurisdictionId);
  return { where: where.join(' and '), params };
}

/** The filter with one more condition (its own parameters numbered after the filter's). */
export function andWhere(filter: HazardFilter, condition: string, params: unknown[] = []): HazardFilter {
  const shifted = condition.replace(/\$(\d+)/g, (_, n) => `$${Number(n) + filter.params.length}`);
  return { where: `${filter.where} and ${shifted}`, params: [...filter.params, ...params] };
}
