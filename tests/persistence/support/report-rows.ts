import type { DataSource, EntityManager } from 'typeorm';
import type { HazardStatus } from '../../../libs/domain/src/hazard/hazard-status';

/** A report as the duplicate lookup sees it: enterprise, text, place, time and state. */
export interface ReportRow {
  id: string;
  enterpriseId: string;
  source: string;
  description: string;
  location: string | null;
  reportedAt: string | Date;
  status?: HazardStatus;
  closedAt?: string | Date | null;
}

/**
 * Read-model rows for duplicate lookups, many per statement. The location goes where the
 * lifecycle keeps it (detail.location); the jurisdiction is a placeholder the lookup never reads.
 */
export async function insertReportRows(db: DataSource | EntityManager, rows: ReportRow[]): Promise<void> {
  const iso = (t: string | Date) => new Date(t).toISOString();
  for (let i = 0; i < rows.length; i += 1000) {
    const batch = rows.slice(i, i + 1000);
    await db.query(
      `insert into hazards (id, status, enterprise_id, jurisdiction_path, city_id, county_id, township_id, grid_id, source,
         description, reported_at, closed_at, policy_version, last_seq, detail)
       select id, status, enterprise_id, '/dup-c/dup-k/dup-t/dup-g/', 'dup-c', 'dup-k', 'dup-t', 'dup-g', source,
              description, reported_at, closed_at, 'test', 1, jsonb_build_object('location', location)
         from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::timestamptz[])
           as t(id, status, enterprise_id, source, description, location, reported_at, closed_at)`,
      [batch.map((r) => r.id), batch.map((r) => r.status ?? 'rectifying'), batch.map((r) => r.enterpriseId), batch.map((r) => r.source),
        batch.map((r) => r.description), batch.map((r) => r.location), batch.map((r) => iso(r.reportedAt)),
        batch.map((r) => (r.closedAt ? iso(r.closedAt) : null))],
    );
  }
}
