import type { DataSource, EntityManager } from 'typeorm';
import type { PublicNotice } from './public-notice';

export type { PublicNotice } from './public-notice';

type Db = Pick<DataSource | EntityManager, 'query'> | { query(sql: string, params?: unknown[]): Promise<any> };

/*
 * 问责文书 (issue 18) as stored by libs/documents' issuer: what the API lists, downloads and
 * publishes, and what the dossier carries. The issuer writes; this file only reads.
 */

/** A document without its bytes: what a hazard's documents tab lists. */
export interface HazardDocumentRow {
  documentId: string;
  hazardId: string;
  kind: string;
  number: string;
  title: string;
  issuerName: string;
  issuedAt: string;
  issuedBy: Record<string, unknown>;
  addressedTo: string[];
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  replyDueAt: string | null;
  publishedAt: string | null;
}

const iso = (d: unknown) => (d == null ? null : new Date(d as string).toISOString());
const COLUMNS = `id as "documentId", hazard_id as "hazardId", kind, number, title, issuer_name as "issuerName", issued_at as "issuedAt",
  issued_by as "issuedBy", addressed_to as "addressedTo", file_name as "fileName", content_type as "contentType",
  size_bytes as "sizeBytes", sha256, reply_due_at as "replyDueAt", published_at as "publishedAt"`;
const toRow = (r: Record<string, unknown>): HazardDocumentRow => ({
  ...(r as unknown as HazardDocumentRow),
  issuedAt: iso(r.issuedAt)!,
  replyDueAt: iso(r.replyDueAt),
  publishedAt: iso(r.publishedAt),
});
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The documents of one hazard, in the order they were issued. */
export async function hazardDocuments(db: Db, hazardId: string): Promise<HazardDocumentRow[]> {
  const rows: Record<string, unknown>[] = await db.query(
    `select ${COLUMNS} from hazard_documents where hazard_id = $1 order by issued_at, number`,
    [hazardId],
  );
  return rows.map(toRow);
}

/** One document of a hazard with its bytes (null when it is not that hazard's). */
export async function hazardDocumentFile(
  db: Db,
  hazardId: string,
  documentId: string,
): Promise<(HazardDocumentRow & { content: Buffer }) | null> {
  if (!UUID.test(documentId)) return null;
  const [row]: Record<string, unknown>[] = await db.query(
    `select ${COLUMNS}, content from hazard_documents where hazard_id = $1 and id = $2`,
    [hazardId, documentId],
  );
  return row ? { ...toRow(row), content: row.content as Buffer } : null;
}

/** The bytes of every document of a hazard, for the dossier. */
export async function hazardDocumentFiles(db: Db, hazardId: string): Promise<(HazardDocumentRow & { content: Buffer })[]> {
  const rows: Record<string, unknown>[] = await db.query(
    `select ${COLUMNS}, content from hazard_documents where hazard_id = $1 order by issued_at, number`,
    [hazardId],
  );
  return rows.map((r) => ({ ...toRow(r), content: r.content as Buffer }));
}

/**
 * Published notices of a jurisdiction's subtree (by path prefix, null for all), newest first,
 * paged by `before` (a publication instant). Unpublished notices never appear.
 */
export async function publishedNotices(
  db: Db,
  o: { jurisdictionPath: string | null; before?: string | null; limit: number },
): Promise<PublicNotice[]> {
  const rows: Record<string, unknown>[] = await db.query(
    `select number, kind, title, issuer_name as "issuerName", published_at as "publishedAt", public_fields as f
       from hazard_documents
      where published_at is not null and public_fields is not null
        and ($1::text is null or starts_with(jurisdiction_path, $1))
        and ($2::timestamptz is null or published_at < $2)
      order by published_at desc, number desc limit $3`,
    [o.jurisdictionPath, o.before ?? null, o.limit],
  );
  return rows.map((r) => {
    const f = r.f as Record<string, string | null>;
    return {
      number: r.number as string,
      kind: r.kind as PublicNotice['kind'],
      title: r.title as string,
      issuerName: r.issuerName as string,
      publishedAt: iso(r.publishedAt)!,
      enterprise: f.enterprise ?? '',
      hazard: f.hazard ?? '',
      listingAuthority: f.listingAuthority ?? null,
      listingLevel: f.listingLevel ?? null,
      leadDepartment: f.leadDepartment ?? null,
      deadline: iso(f.deadline),
      orderNumber: f.orderNumber ?? null,
      listedAt: iso(f.listedAt),
      closedAt: iso(f.closedAt),
    };
  });
}

/** The path of a jurisdiction by id (the public page's `jurisdiction` filter); null when unknown. */
export async function jurisdictionPathOf(db: Db, jurisdictionId: string): Promise<string | null> {
  const [row]: { path: string }[] = await db.query(`select path from jurisdictions where id = $1`, [jurisdictionId]);
  return row?.path ?? null;
}
