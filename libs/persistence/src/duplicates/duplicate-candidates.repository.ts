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

/** Where a candidate was recorded: when its hazard was registered by an import (or a report), and which. */
export interface CandidateRecord {
  foundOn: 'import' | 'report';
  importId: string | null;
  foundAt: string;
}

/** A recorded candidate: as it was found, and the candidate hazard as it is now. */
export interface RecordedCandidate extends DuplicateCandidate {
  recorded: CandidateRecord;
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

/** Reports compared with a probe at most, on each side of its instant (nearest first). */
export const MAX_COMPARED_EACH_SIDE = 100;

/**
 * 重复隐患候选: the candidate duplicates of one probe `p` (a row with id, enterprise_id,
 * reported_at, description_grams, location_grams), as the body of a `cross join lateral`. A
 * candidate is a hazard of the same enterprise, reported within `windowDays` ($w) of the probe
 * (before or after: an import may bring older reports), open or closed at most
 * `recentlyClosedDays` ($rc) before the probe (a withdrawn report never is: it was a duplicate or
 * false already), whose description is at least `minDescriptionSimilarity` ($md) alike and whose
 * location, when both have one, `minLocationSimilarity` ($ml); at most `maxCandidates` ($max).
 *
 * The enterprise and date range select the rows through ix_hazards_enterprise (enterprise_id,
 * reported_at); only those are compared, and at most MAX_COMPARED_EACH_SIDE of them on each side
 * of the probe's instant, the nearest in time (two ordered index scans): an enterprise with
 * thousands of reports in the window (a bulk import of one group's records) costs each lookup a
 * bounded time. similarity() costs tens of microseconds a row (pg_trgm lower-cases and hashes
 * every word), so each step is fenced (offset 0): each is computed once a row, the short location
 * first, and the description only for rows at a similar place.
 */
const candidatesOfProbe = (w: string, rc: string, md: string, ml: string, max: string) => {
  const eligible = `h.enterprise_id = p.enterprise_id
                 and h.status <> 'withdrawn'
                 and (h.status <> 'closed' or h.closed_at >= p.reported_at - make_interval(days => ${rc}))
                 and h.id is distinct from p.id`;
  return `(
    select s.id, s.status, s.source, s.description, s.location, s.reported_at, s.closed_at, s.location_similarity, s.description_similarity
      from (
        select c.*, similarity(c.description_grams, p.description_grams) as description_similarity
          from (
            select h.id, h.status, h.source, h.description, h.detail->>'location' as location, h.reported_at, h.closed_at, h.description_grams,
                   case when h.location_grams = '' or p.location_grams = '' then null
                        else similarity(h.location_grams, p.location_grams) end as location_similarity
              from (
                (select h.* from hazards h
                  where ${eligible}
                    and h.reported_at between p.reported_at - make_interval(days => ${w}) and p.reported_at
                  order by h.reported_at desc limit ${MAX_COMPARED_EACH_SIDE})
                union all
                (select h.* from hazards h
                  where ${eligible}
                    and h.reported_at > p.reported_at and h.reported_at <= p.reported_at + make_interval(days => ${w})
                  order by h.reported_at limit ${MAX_COMPARED_EACH_SIDE})
              ) h
            offset 0
          ) c
         where c.location_similarity is null or c.location_similarity >= ${ml}
        offset 0
      ) s
     where s.description_similarity >= ${md}
     order by s.description_similarity desc, s.location_similarity desc nulls last, s.reported_at desc, s.id
     limit ${max}
  )`;
};

/**
 * One new report's candidates. The probe's text goes through the same SQL functions as the stored
 * columns (migration DuplicateDetection), so both sides are normalised alike.
 */
export const DUPLICATE_CANDIDATES_SQL = `
  select found.* from (
    select $7::text as id, $1::text as enterprise_id, $4::timestamptz as reported_at,
           hazard_description_grams($2, $3) as description_grams, hazard_location_grams($3) as location_grams
  ) p cross join lateral ${candidatesOfProbe('$5', '$6', '$8', '$9', '$10')} found`;

/**
 * The candidates of registered hazards (an import's chunk), each looked up as on report from its
 * stored grams, recorded in both directions (the grader of either sees the other) in one
 * statement; a pair recorded before keeps its first record. Returns the pairs added.
 */
export const RECORD_CANDIDATES_SQL = `
  with found as materialized (
    select p.id as hazard_id, c.id as candidate_id, c.description_similarity, c.location_similarity
      from (select id, enterprise_id, reported_at, description_grams, location_grams from hazards
             where id = any($1::text[]) and status <> 'withdrawn') p
      cross join lateral ${candidatesOfProbe('$2', '$3', '$4', '$5', '$6')} c
  ), pairs as (
    select hazard_id, candidate_id, description_similarity, location_similarity from found
    union all
    select candidate_id, hazard_id, description_similarity, location_similarity from found
  )
  insert into hazard_duplicate_candidates (hazard_id, candidate_id, description_similarity, location_similarity, found_on, import_id)
  select distinct on (hazard_id, candidate_id) hazard_id, candidate_id, description_similarity, location_similarity, $7, $8
    from pairs order by hazard_id, candidate_id
  on conflict (hazard_id, candidate_id) do nothing
  returning hazard_id`;

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
    return rows.map(toCandidate);
  }
}

/**
 * 导入查重: the candidates found for hazards when they were registered, kept on the hazards
 * (hazard_duplicate_candidates) so the grader sees them later.
 */
export class RecordedCandidateRepository {
  constructor(private readonly db: Pick<DataSource | EntityManager, 'query'>) {}

  /**
   * Looks up and records the candidates of these registered hazards, in one statement (the
   * caller bounds how many at once: an import passes one chunk). Hazards among `hazardIds` find
   * each other too (rows of one file). Returns the hazards that got at least one candidate.
   */
  async record(
    hazardIds: string[],
    rules: DuplicateRules,
    origin: { foundOn: 'import' | 'report'; importId?: string | null },
  ): Promise<Set<string>> {
    if (!hazardIds.length) return new Set();
    const rows: { hazard_id: string }[] = await this.db.query(RECORD_CANDIDATES_SQL, [
      hazardIds,
      rules.windowDays,
      rules.recentlyClosedDays,
      rules.minDescriptionSimilarity,
      rules.minLocationSimilarity,
      rules.maxCandidates,
      origin.foundOn,
      origin.importId ?? null,
    ]);
    const probes = new Set(hazardIds);
    return new Set(rows.map((r) => r.hazard_id).filter((id) => probes.has(id)));
  }

  /** The candidates recorded for a hazard, most similar first; merged (withdrawn) ones are left out. */
  async recordedFor(hazardId: string, limit = 50): Promise<RecordedCandidate[]> {
    const rows: (Row & { found_on: 'import' | 'report'; import_id: string | null; found_at: Date })[] = await this.db.query(
      `select h.id, h.status, h.source, h.description, h.detail->>'location' as location, h.reported_at, h.closed_at,
              r.description_similarity, r.location_similarity, r.found_on, r.import_id, r.found_at
         from hazard_duplicate_candidates r join hazards h on h.id = r.candidate_id
        where r.hazard_id = $1 and h.status <> 'withdrawn'
        order by r.description_similarity desc, r.location_similarity desc nulls last, h.reported_at desc, h.id
        limit $2`,
      [hazardId, limit],
    );
    return rows.map((r) => ({
      ...toCandidate(r),
      recorded: { foundOn: r.found_on, importId: r.import_id, foundAt: r.found_at.toISOString() },
    }));
  }

  /**
   * How many hazards registered by an import got at least one candidate (the import's summary);
   * the earlier hazards it found, which got the import's rows as candidates in turn, do not count.
   */
  async countForImport(importId: string): Promise<number> {
    const [r]: { n: number }[] = await this.db.query(
      `select count(distinct d.hazard_id)::int as n from hazard_duplicate_candidates d
        where d.import_id = $1
          and d.hazard_id in (select hazard_id from hazard_import_rows where import_id = $1 and outcome = 'registered')`,
      [importId],
    );
    return r.n;
  }
}

const toCandidate = (r: Row): DuplicateCandidate => ({
  hazardId: r.id,
  status: r.status,
  source: r.source,
  description: r.description,
  location: r.location,
  reportedAt: r.reported_at.toISOString(),
  closedAt: r.closed_at?.toISOString() ?? null,
  descriptionSimilarity: Number(r.description_similarity),
  locationSimilarity: r.location_similarity === null ? null : Number(r.location_similarity),
});

function checkProbe(p: DuplicateProbe): string {
  if (!p.enterpriseId || p.enterpriseId.length > PROBE_LIMITS.enterpriseId) throw new DuplicateProbeError('enterpriseId');
  if (!p.description || p.description.length > PROBE_LIMITS.description) throw new DuplicateProbeError('description');
  if (p.location && p.location.length > PROBE_LIMITS.location) throw new DuplicateProbeError('location');
  const at = new Date(p.reportedAt);
  if (Number.isNaN(at.getTime())) throw new DuplicateProbeError('reportedAt');
  return at.toISOString();
}
