import type { DataSource, EntityManager } from 'typeorm';
import type { HazardStatus } from '@hazards/domain/hazard/hazard-status';
import type { Policy } from '@hazards/domain/policy/policy.schema';

/** The policy's `duplicates` block: window, thresholds, how many candidates. */
export type DuplicateRules = NonNullable<Policy['duplicates']>;

/** A report about to be registered (上报, or a row of an import), to be checked for duplicates. */
export interface DuplicateProbe {
  enterpriseId: string;
  description: string;
  location?: string | null;
  /** When it was found; the window and the recently-closed rule count from here. */
  reportedAt: Date | string;
  /** Its own hazard, when it is registered already (so it does not find itself). */
  excludeHazardId?: string | null;
}

/** An earlier report of the same enterprise that may be the same hazard, with how alike they are. */
export interface DuplicateCandidate {
  hazardId: string;
  status: HazardStatus;
  source: string;
  description: string;
  location: string | null;
  reportedAt: string;
  closedAt: string | null;
  /** pg_trgm similarity (0–1) of the descriptions, each without its own location. */
  descriptionSimilarity: number;
  /** pg_trgm similarity (0–1) of the locations; null when either report gives none. */
  locationSimilarity: number | null;
}

/** Bounds of what a probe may carry (the report form's own limits). */
export const PROBE_LIMITS = { enterpriseId: 64, description: 2000, location: 200 } as const;

export class DuplicateProbeError extends Error {
  constructor(readonly field: keyof typeof PROBE_LIMITS | 'reportedAt') {
    super(`重复隐患查询参数无效：${field} / invalid duplicate lookup input: ${field}`);
    this.name = 'DuplicateProbeError';
  }
}

type Row = {
  id: string;
  status: HazardStatus;
  source: string;
  description: string;
  location: string | null;
  reported_at: Date;
  closed_at: Date | null;
  description_similarity: number;
  location_similarity: number | null;
};

/**
 * 重复隐患候选: candidate duplicates of a new report, in one SQL statement. A candidate is a hazard
 * of the same enterprise, reported within `windowDays` of the probe (before or after: an import
 * may bring older reports), open or closed at most `recentlyClosedDays` before the probe (a
 * withdrawn report never is: it was a duplicate or false already), whose description is at least
 * `minDescriptionSimilarity` alike and whose location, when both have one, `minLocationSimilarity`.
 *
 * The probe's text goes through the same SQL functions as the stored columns (migration
 * DuplicateDetection), so both sides are normalised alike. The enterprise and date range select
 * the rows through ix_hazards_enterprise (enterprise_id, reported_at); only those are compared.
 */
export const DUPLICATE_CANDIDATES_SQL = `
  with probe as (
    select hazard_description_grams($2, $3) as description_grams, hazard_location_grams($3) as location_grams
  ),
  -- similarity() costs tens of microseconds a row (pg_trgm lower-cases and hashes every word), so
  -- each step is materialized: each is computed once a row, the short location first, and the
  -- description only for rows at a similar place.
  placed as materialized (
    select h.id, h.status, h.source, h.description, h.detail->>'location' as location, h.reported_at, h.closed_at, h.description_grams,
           case when h.location_grams = '' or p.location_grams = '' then null
                else similarity(h.location_grams, p.location_grams) end as location_similarity
      from hazards h, probe p
     where h.enterprise_id = $1
       and h.reported_at between $4::timestamptz - make_interval(days => $5) and $4::timestamptz + make_interval(days => $5)
       and h.status <> 'withdrawn'
       and (h.status <> 'closed' or h.closed_at >= $4::timestamptz - make_interval(days => $6))
       and h.id is distinct from $7
  ),
  scored as materialized (
    select c.id, c.status, c.source, c.description, c.location, c.reported_at, c.closed_at, c.location_similarity,
           similarity(c.description_grams, p.description_grams) as description_similarity
      from placed c, probe p
     where c.location_similarity is null or c.location_similarity >= $9
  )
  select * from scored
   where description_similarity >= $8
   order by description_similarity desc, location_similarity desc nulls last, reported_at desc, id
   limit $10`;

/** The lookup behind a small typed API: the grader's candidate list on report, import and merge. */
export class DuplicateCandidateRepository {
  constructor(private readonly db: DataSource | EntityManager) {}

  async find(probe: DuplicateProbe, rules: DuplicateRules): Promise<DuplicateCandidate[]> {
    const at = checkProbe(probe);
    const rows: Row[] = await this.db.query(DUPLICATE_CANDIDATES_SQL, [
      probe.enterpriseId,
      probe.description,
      probe.location ?? null,
      at,
      rules.windowDays,
      rules.recentlyClosedDays,
      probe.excludeHazardId ?? null,
      rules.minDescriptionSimilarity,
      rules.minLocationSimilarity,
      rules.maxCandidates,
    ]);
    return rows.map((r) => ({
      hazardId: r.id,
      status: r.status,
      source: r.source,
      description: r.description,
      location: r.location,
      reportedAt: r.reported_at.toISOString(),
      closedAt: r.closed_at?.toISOString() ?? null,
      descriptionSimilarity: Number(r.description_similarity),
      locationSimilarity: r.location_similarity === null ? null : Number(r.location_similarity),
    }));
  }
}

function checkProbe(p: DuplicateProbe): string {
  if (!p.enterpriseId || p.enterpriseId.length > PROBE_LIMITS.enterpriseId) throw new DuplicateProbeError('enterpriseId');
  if (!p.description || p.description.length > PROBE_LIMITS.description) throw new DuplicateProbeError('description');
  if (p.location && p.location.length > PROBE_LIMITS.location) throw new DuplicateProbeError('location');
  const at = new Date(p.reportedAt);
  if (Number.isNaN(at.getTime())) throw new DuplicateProbeError('reportedAt');
  return at.toISOString();
}
