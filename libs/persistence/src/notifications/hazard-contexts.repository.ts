import type { DataSource, EntityManager } from 'typeorm';

/** A hazard as messages describe it: the read-model row with its enterprise's name and 主要负责人. */
export interface HazardContextRow {
  id: string;
  description: string;
  status: string;
  enterprise_id: string;
  enterprise_name: string | null;
  principal_name: string | null;
  jurisdiction_path: string;
  listing_level: string | null;
  rectification_deadline: Date | null;
  current_deadline: Date | null;
  heavier_accountability: boolean;
  detail: Record<string, unknown>;
}

/** The hazards with these ids (in a transaction when given its manager); missing ones are left out. */
export function hazardContextRows(db: DataSource | EntityManager, ids: string[]): Promise<HazardContextRow[]> {
  return db.query(
    `select h.id, h.description, h.status, h.enterprise_id, e.name as enterprise_name, e.principal_name, h.jurisdiction_path,
            h.listing_level, h.rectification_deadline, h.current_deadline, h.heavier_accountability, h.detail
       from hazards h left join enterprises e on e.id = h.enterprise_id
      where h.id = any($1::text[])`,
    [ids],
  );
}
