import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** An evidence file's row as an upload writes it. */
export interface NewEvidenceFile {
  id: string;
  hazardId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storagePath: string;
  uploadedBy: string;
  purpose: string;
}

/** Evidence already kept: what a hazard has, and what its enterprise stores over all its hazards. */
export interface EvidenceUsage {
  files: number;
  bytes: number;
}

/** Writes of evidence rows inside the enterprise's quota lock (EvidenceRepository.underQuotaLock). */
export class EvidenceWriter {
  constructor(private readonly m: EntityManager) {}

  async usage(enterpriseId: string, hazardId: string): Promise<EvidenceUsage> {
    const [use]: { bytes: string; files: number }[] = await this.m.query(
      `select (select coalesce(sum(f.size_bytes), 0) from evidence_files f join hazards h on h.id = f.hazard_id where h.enterprise_id = $1) as bytes,
              (select count(*)::int from evidence_files where hazard_id = $2) as files`,
      [enterpriseId, hazardId],
    );
    return { files: use.files, bytes: Number(use.bytes) };
  }

  /** Inserts the row; answers the server's upload time. */
  async insert(f: NewEvidenceFile): Promise<Date> {
    const rows: { uploaded_at: Date }[] = await this.m.query(
      `insert into evidence_files (id, hazard_id, file_name, content_type, size_bytes, sha256, storage_path, uploaded_by, purpose)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9) returning uploaded_at`,
      [f.id, f.hazardId, f.fileName, f.contentType, f.sizeBytes, f.sha256, f.storagePath, f.uploadedBy, f.purpose],
    );
    return rows[0].uploaded_at;
  }
}

/** Evidence files (证据), described in PostgreSQL; the bytes are on disk under EVIDENCE_DIR. */
@Injectable()
export class EvidenceRepository {
  constructor(private readonly ds: DataSource) {}

  /** Runs `fn` in one transaction holding the enterprise's evidence-quota lock, so two uploads cannot both squeeze under it. */
  underQuotaLock<T>(enterpriseId: string, fn: (writer: EvidenceWriter) => Promise<T>): Promise<T> {
    return this.ds.transaction(async (m) => {
      await m.query('select pg_advisory_xact_lock(hashtext($1))', [`evidence-quota:${enterpriseId}`]);
      return fn(new EvidenceWriter(m));
    });
  }

  /** The hazard's enterprise, its files, and the bytes its enterprise stores; null when there is no such hazard. */
  async usageOfHazard(hazardId: string): Promise<(EvidenceUsage & { enterpriseId: string }) | null> {
    const rows: { enterprise_id: string; files: number; bytes: string }[] = await this.ds.query(
      `select h.enterprise_id, (select count(*)::int from evidence_files where hazard_id = h.id) as files,
              (select coalesce(sum(f.size_bytes), 0) from evidence_files f join hazards x on x.id = f.hazard_id where x.enterprise_id = h.enterprise_id) as bytes
         from hazards h where h.id = $1`,
      [hazardId],
    );
    return rows[0] ? { enterpriseId: rows[0].enterprise_id, files: rows[0].files, bytes: Number(rows[0].bytes) } : null;
  }

  /** Where one file of the hazard is kept, or null. */
  async file(hazardId: string, fileId: string): Promise<{ path: string; fileName: string; contentType: string; sha256: string } | null> {
    const rows: { storage_path: string; file_name: string; content_type: string; sha256: string }[] = await this.ds.query(
      'select storage_path, file_name, content_type, sha256 from evidence_files where id = $1 and hazard_id = $2',
      [fileId, hazardId],
    );
    return rows[0]
      ? { path: rows[0].storage_path, fileName: rows[0].file_name, contentType: rows[0].content_type, sha256: rows[0].sha256 }
      : null;
  }

  /** The hazard's files, oldest first, as the hazard page lists them. */
  listForHazard(hazardId: string): Promise<Record<string, unknown>[]> {
    return this.ds.query(
      `select id, file_name as "fileName", content_type as "contentType", size_bytes::int as "sizeBytes", sha256,
              uploaded_by as "uploadedBy", uploaded_at as "uploadedAt", purpose
       from evidence_files where hazard_id = $1 order by uploaded_at`,
      [hazardId],
    );
  }

  /** Which of `ids` were uploaded to this hazard. */
  async idsOnHazard(hazardId: string, ids: string[]): Promise<Set<string>> {
    const rows: { id: string }[] = await this.ds.query('select id from evidence_files where hazard_id = $1 and id = any($2::text[])', [
      hazardId,
      ids,
    ]);
    return new Set(rows.map((r) => r.id));
  }
}
