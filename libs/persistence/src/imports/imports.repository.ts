import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** What an import job's row says beyond its progress: the file, why it failed, when. */
export interface ImportJobRecord {
  file_name: string;
  file_errors: { code?: string; reason: string }[];
  error: string | null;
  created_at: Date;
  finished_at: Date | null;
}

/** An import as listed (newest first). */
export interface ImportListItem {
  id: string;
  fileName: string;
  status: string;
  phase: string;
  total: number | null;
  done: number;
  registered: number;
  alreadyRegistered: number;
  invalid: number;
  createdAt: Date;
  finishedAt: Date | null;
}

/** Import jobs (`hazard_imports`) as the API, the CLI and the importer handle them; the runner writes their rows. */
@Injectable()
export class ImportsRepository {
  constructor(private readonly ds: DataSource) {}

  /** Where the job's own copy of the workbook is kept (under IMPORT_DIR). */
  async setStoredPath(id: string, storedPath: string): Promise<void> {
    await this.ds.query('update hazard_imports set stored_path = $2 where id = $1', [id, storedPath]);
  }

  async record(id: string): Promise<ImportJobRecord | undefined> {
    const rows: ImportJobRecord[] = await this.ds.query(
      'select file_name, file_errors, error, created_at, finished_at from hazard_imports where id = $1',
      [id],
    );
    return rows[0];
  }

  /** The job's stored workbook and status, for the importer to run it; undefined when there is no such job. */
  async storedFile(id: string): Promise<{ stored_path: string; status: string } | undefined> {
    const rows: { stored_path: string; status: string }[] = await this.ds.query(
      'select stored_path, status from hazard_imports where id = $1',
      [id],
    );
    return rows[0];
  }

  /** Who uploaded the job, or undefined when there is none. */
  async uploader(id: string): Promise<string | undefined> {
    const rows: { uploaded_by: string }[] = await this.ds.query('select uploaded_by from hazard_imports where id = $1', [id]);
    return rows[0]?.uploaded_by;
  }

  /** The latest 50 imports, of one uploader or (null) everyone's. */
  list(uploadedBy: string | null): Promise<ImportListItem[]> {
    return this.ds.query(
      `select id, file_name as "fileName", status, phase, total_rows as total, rows_done as done, registered_rows as registered,
              already_registered_rows as "alreadyRegistered", invalid_rows as invalid, created_at as "createdAt", finished_at as "finishedAt"
         from hazard_imports where ($1::text is null or uploaded_by = $1) order by created_at desc limit 50`,
      [uploadedBy],
    );
  }

  /** A job that died (its process crashed): failed with the reason, unless it had finished; keeps the file errors it had. */
  async markCrashed(id: string, reason: string, fileErrors: unknown[]): Promise<void> {
    await this.ds.query(
      `update hazard_imports set status = 'failed', phase = 'failed', error = $2, finished_at = now(),
            file_errors = case when jsonb_array_length(file_errors) = 0 then $3::jsonb else file_errors end
      where id = $1 and status <> 'done'`,
      [id, reason, JSON.stringify(fileErrors)],
    );
  }
}
