import type { DataSource, EntityManager } from 'typeorm';

/*
 * 发文 (issue 18): the reads and writes of libs/documents' issuer — who the document is addressed
 * to and issued by, the stored document of an issue key, the insert and the publication date.
 */

/** The enterprise a document names. */
export interface DocumentEnterpriseRow {
  name: string;
  credit_code: string;
}

/** A jurisdiction node with its registered 机关代字 and authority name (null when none is registered). */
export interface IssuingAuthorityRow {
  id: string;
  name: string;
  path: string;
  prefix: string | null;
  authority_name: string | null;
}

/** A stored document as the issuer returns it (reply_due_at as the driver reads it). */
export interface StoredDocumentRow {
  documentId: string;
  kind: string;
  number: string;
  title: string;
  sha256: string;
  sizeBytes: number;
  fileName: string;
  replyDueAt: Date | string | null;
}

/** One hazard_documents row to insert; the jsonb columns already serialised. */
export interface NewDocumentRow {
  id: string;
  issueKey: string;
  hazardId: string;
  kind: string;
  number: string;
  issuerJurisdictionId: string;
  issuerName: string;
  year: number;
  seq: number;
  title: string;
  jurisdictionPath: string;
  issuedAt: string;
  issuedBy: string;
  addressedTo: string;
  facts: string;
  publicFields: string | null;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  content: Buffer;
  replyDueAt: string | null;
}

const COLUMNS = `id as "documentId", kind, number, title, sha256, size_bytes as "sizeBytes", file_name as "fileName", reply_due_at as "replyDueAt"`;

export class DocumentIssueRepository {
  constructor(private readonly ds: DataSource) {}

  async enterprise(id: string): Promise<DocumentEnterpriseRow | undefined> {
    const [ent] = (await this.ds.query(`select name, credit_code from enterprises where id = $1`, [id])) as DocumentEnterpriseRow[];
    return ent;
  }

  /** The jurisdiction node with its registered issuer, or undefined when there is no such node. */
  async issuingAuthority(jurisdictionId: string): Promise<IssuingAuthorityRow | undefined> {
    const [row] = (await this.ds.query(
      `select j.id, j.name, j.path, i.prefix, i.authority_name from jurisdictions j left join document_issuers i on i.jurisdiction_id = j.id where j.id = $1`,
      [jurisdictionId],
    )) as IssuingAuthorityRow[];
    return row;
  }

  /** The document stored under an issue key, if any. */
  async findByIssueKey(key: string): Promise<StoredDocumentRow | undefined> {
    const [row] = (await this.ds.query(`select ${COLUMNS} from hazard_documents where issue_key = $1`, [key])) as StoredDocumentRow[];
    return row;
  }

  /**
   * Stores a document whose number was reserved under its issue key (reserveNumber), in one
   * statement. Returns its id, or null when another attempt already stored it under the same key.
   */
  async insert(m: EntityManager, d: NewDocumentRow): Promise<string | null> {
    const inserted: { id: string }[] = await m.query(
      `insert into hazard_documents (id, issue_key, hazard_id, kind, number, issuer_jurisdiction_id, issuer_name, year, seq, title, jurisdiction_path,
         issued_at, issued_by, addressed_to, facts, public_fields, file_name, content_type, size_bytes, sha256, content, reply_due_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22)
       on conflict (issue_key) do nothing returning id`,
      [
        d.id,
        d.issueKey,
        d.hazardId,
        d.kind,
        d.number,
        d.issuerJurisdictionId,
        d.issuerName,
        d.year,
        d.seq,
        d.title,
        d.jurisdictionPath,
        d.issuedAt,
        d.issuedBy,
        d.addressedTo,
        d.facts,
        d.publicFields,
        d.fileName,
        d.contentType,
        d.sizeBytes,
        d.sha256,
        d.content,
        d.replyDueAt,
      ],
    );
    return inserted[0]?.id ?? null;
  }

  /** Sets the date a notice was published, once. */
  async publish(documentId: string, publishedAt: string): Promise<void> {
    await this.ds.query(`update hazard_documents set published_at = $2 where id = $1 and published_at is null`, [documentId, publishedAt]);
  }
}
