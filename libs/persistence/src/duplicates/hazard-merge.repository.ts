import type { DataSource, EntityManager } from 'typeorm';

/** What a merge checks of each side (重复隐患合并): the read model's row. */
export interface MergeSide {
  id: string;
  enterpriseId: string;
  status: string;
  source: string;
  description: string;
  location: string | null;
  reportedAt: Date;
  closedAt: Date | null;
  policyVersion: string;
}

/** A report withdrawn as a duplicate of a hazard and linked to it: one more discovery of it. */
export interface MergedDuplicate {
  hazardId: string;
  source: string;
  reportedAt: string;
  withdrawnAt: string | null;
  /** The withdrawal's history seq (the duplicate's last step). */
  seq: number;
}

const SIDE = `h.id, h.enterprise_id as "enterpriseId", h.status, h.source, h.description, h.detail->>'location' as location,
  h.reported_at as "reportedAt", h.closed_at as "closedAt", h.policy_version as "policyVersion"`;

/**
 * The read-model side of merging duplicates: the hazards a merge names (only those the caller may
 * see),
 * and the duplicates already merged into a hazard.
 */
export class HazardMergeRepository {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** The hazard `$1` of `params` when `where` (the caller's visibility, numbered after it) lets the caller see it. */
  async side(visible: { where: string; params: unknown[] }): Promise<MergeSide | null> {
    const rows: MergeSide[] = await this.db.query(`select ${SIDE} from hazards h where h.id = $1 and ${visible.where}`, visible.params);
    return rows[0] ?? null;
  }

  /** Reports withdrawn as duplicates of `originalId`, oldest first. */
  async mergedInto(originalId: string): Promise<MergedDuplicate[]> {
    const rows: { id: string; source: string; reported_at: Date; withdrawn_at: string | null; last_seq: number }[] = await this.db.query(
      `select h.id, h.source, h.reported_at, h.detail->'withdrawal'->>'at' as withdrawn_at, h.last_seq from hazards h
        where h.status = 'withdrawn' and h.detail->'withdrawal'->>'duplicateOf' = $1 order by h.reported_at, h.id`,
      [originalId],
    );
    return rows.map((r) => ({
      hazardId: r.id,
      source: r.source,
      reportedAt: r.reported_at.toISOString(),
      withdrawnAt: r.withdrawn_at,
      seq: r.last_seq,
    }));
  }
}
