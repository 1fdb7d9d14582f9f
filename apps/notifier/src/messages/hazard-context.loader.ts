import type { DataSource, EntityManager } from 'typeorm';
import { hazardContextRows } from '@hazards/persistence/notifications/hazard-contexts.repository';

/** What messages say about a hazard, read from the read model (events carry ids, not prose). */
export interface HazardContext {
  id: string;
  description: string;
  status: string;
  enterpriseId: string;
  enterpriseName: string;
  principalName: string | null;
  /** '/nantong/tongzhou/jinsha/jinsha-g1/' and its ids, city first. */
  jurisdictionPath: string;
  pathIds: string[];
  listingLevel: string | null;
  rectificationDeadline: Date | null;
  currentDeadline: Date | null;
  heavierAccountability: boolean;
  leadDepartment: string | null;
  authority: string | null;
  detail: Record<string, unknown>;
}

export async function loadHazardContexts(db: DataSource | EntityManager, ids: string[]): Promise<Map<string, HazardContext>> {
  const rows = await hazardContextRows(db, ids);
  const out = new Map<string, HazardContext>();
  for (const r of rows) {
    const listing = (r.detail?.listing ?? null) as { leadDepartment?: string; authority?: string } | null;
    out.set(r.id, {
      id: r.id,
      description: r.description,
      status: r.status,
      enterpriseId: r.enterprise_id,
      enterpriseName: r.enterprise_name ?? r.enterprise_id,
      principalName: r.principal_name,
      jurisdictionPath: r.jurisdiction_path,
      pathIds: r.jurisdiction_path.split('/').filter(Boolean),
      listingLevel: r.listing_level,
      rectificationDeadline: r.rectification_deadline,
      currentDeadline: r.current_deadline,
      heavierAccountability: r.heavier_accountability,
      leadDepartment: listing?.leadDepartment ?? null,
      authority: listing?.authority ?? null,
      detail: r.detail ?? {},
    });
  }
  return out;
}

/** The hazard must exist: its row is written in the same transaction as the outbox event. */
export async function loadHazardContext(db: DataSource | EntityManager, id: string): Promise<HazardContext> {
  const ctx = (await loadHazardContexts(db, [id])).get(id);
  if (!ctx) throw new Error(`隐患 ${id} 不存在 / hazard ${id} not found in the read model`);
  return ctx;
}
