import { eachInPool } from '@hazards/concurrency';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { DataSource } from 'typeorm';
import type { Actor } from '@hazards/domain/hazard/actor';
import type { Policy } from '@hazards/domain/policy/policy.schema';
import { insertReportedRows, type NewHazard } from '@hazards/hazards/hazard-registration';
import { FILE_ERRORS, ROW_ERRORS, type ImportCells, type RowError } from './import-columns';
import { duplicateError, validateImportRow, type EnterpriseRef, type InspectionRef, type ValidRow } from './import-row.validator';
import { hazardIdForRowKey, rowKey } from './row-key';
import { countImportRows, ImportFileError, readImportRows, type SheetRow } from './xlsx-row-reader';
import { DEFAULT_XLSX_BOUNDS, type XlsxBounds } from './xlsx-stream-reader';

/** Who imports, and for which enterprises: a jurisdiction subtree, one enterprise, or (CLI, system) all. */
export interface ImportScope {
  actor: Actor;
  reachPath: string | null;
  enterpriseId: string | null;
  /** The CLI's system import: every enterprise. */
  everywhere?: boolean;
}

/** Starts a hazard's lifecycle workflow (the API's and the CLI's Temporal client, or a stand-in). */
export interface LifecycleStarter {
  start(h: NewHazard): Promise<void>;
}

export interface ImportProgress {
  importId: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  phase: 'queued' | 'counting' | 'importing' | 'done' | 'failed';
  total: number | null;
  done: number;
  registered: number;
  alreadyRegistered: number;
  invalid: number;
  failed: number;
}

export interface ImportRunnerOptions {
  /** Rows validated and registered together (lookups are batched per chunk). */
  chunkSize?: number;
  /** Rows registered at once (each a transaction around a workflow start). */
  concurrency?: number;
  maxRows?: number;
  /** The file's bounds (shared strings, inflated bytes, ratio …); maxRows above wins over bounds.maxRows. */
  bounds?: Partial<XlsxBounds>;
}

type Outcome = 'registered' | 'already_registered' | 'invalid' | 'failed';
interface RowRecord {
  rowNumber: number;
  key: string | null;
  hazardId: string | null;
  outcome: Outcome;
  cells: ImportCells;
  errors: RowError[];
}

export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** The job's row, queued: the file's SHA-256, where it is, who uploaded it and as whom. */
export async function createImportJob(
  ds: Pick<DataSource, 'query'>,
  filePath: string,
  fileName: string,
  uploadedBy: string,
  actor: Actor,
): Promise<string> {
  const id = randomUUID();
  await ds.query(
    `insert into hazard_imports (id, file_name, sha256, stored_path, uploaded_by, actor, status, phase) values ($1,$2,$3,$4,$5,$6,'queued','queued')`,
    [id, fileName, await sha256File(filePath), filePath, uploadedBy, actor],
  );
  return id;
}

export async function importProgress(ds: Pick<DataSource, 'query'>, importId: string): Promise<ImportProgress | null> {
  const rows: Record<string, unknown>[] = await ds.query(
    `select id, status, phase, total_rows, rows_done, registered_rows, already_registered_rows, invalid_rows,
            (select count(*) from hazard_import_rows r where r.import_id = i.id and r.outcome = 'failed')::int as failed
       from hazard_imports i where id = $1`,
    [importId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    importId,
    status: r.status as ImportProgress['status'],
    phase: r.phase as ImportProgress['phase'],
    total: r.total_rows as number | null,
    done: r.rows_done as number,
    registered: r.registered_rows as number,
    alreadyRegistered: r.already_registered_rows as number,
    invalid: r.invalid_rows as number,
    failed: r.failed as number,
  };
}

/**
 * 批量导入: streams an .xlsx, validates every row, and registers each valid row exactly once —
 * the read-model row, the row's stable key and its outcome in one transaction that commits only
 * after the workflow start succeeded. The hazard id is derived from the row's key (uuid v5), so
 * the workflow id `hazard-<id>` dedupes too. Progress (rows done of total) is kept on the job row.
 */
export class HazardImportRunner {
  private readonly chunkSize: number;
  private readonly concurrency: number;
  private readonly maxRows: number;
  private readonly bounds: XlsxBounds;

  constructor(
    private readonly ds: DataSource,
    private readonly starter: LifecycleStarter,
    private readonly policy: Policy,
    o: ImportRunnerOptions = {},
  ) {
    this.chunkSize = o.chunkSize ?? 200;
    this.concurrency = o.concurrency ?? 8;
    this.maxRows = o.maxRows ?? 50_000;
    this.bounds = { ...DEFAULT_XLSX_BOUNDS, ...o.bounds, maxRows: this.maxRows };
  }

  createJob(filePath: string, fileName: string, uploadedBy: string, actor: Actor): Promise<string> {
    return createImportJob(this.ds, filePath, fileName, uploadedBy, actor);
  }

  progress(importId: string): Promise<ImportProgress | null> {
    return importProgress(this.ds, importId);
  }

  async run(importId: string, filePath: string, scope: ImportScope, onProgress?: (p: ImportProgress) => void): Promise<ImportProgress> {
    const p: ImportProgress = {
      importId,
      status: 'running',
      phase: 'counting',
      total: null,
      done: 0,
      registered: 0,
      alreadyRegistered: 0,
      invalid: 0,
      failed: 0,
    };
    const save = async () => {
      await this.ds.query(
        `update hazard_imports set status = $2, phase = $3, total_rows = $4, rows_done = $5, registered_rows = $6, already_registered_rows = $7,
                invalid_rows = $8, valid_rows = $6::int + $7::int, started_at = coalesce(started_at, now()),
                finished_at = case when $2::text in ('done','failed') then now() else finished_at end
          where id = $1`,
        [importId, p.status, p.phase, p.total, p.done, p.registered, p.alreadyRegistered, p.invalid],
      );
      onProgress?.({ ...p });
    };
    try {
      await save();
      // The first pass checks every bound while it streams: a file past one registers nothing.
      p.total = await countImportRows(filePath, this.bounds);
      if (p.total === 0) throw new ImportFileError([{ code: 'no_rows', reason: FILE_ERRORS.no_rows }]);
      p.phase = 'importing';
      await save();
      const firstRowOfKey = new Map<string, number>();
      let chunk: SheetRow[] = [];
      for await (const row of readImportRows(filePath, this.bounds)) {
        chunk.push(row);
        if (chunk.length >= this.chunkSize) {
          await this.chunk(importId, chunk, scope, firstRowOfKey, p);
          chunk = [];
          await save();
        }
      }
      if (chunk.length) await this.chunk(importId, chunk, scope, firstRowOfKey, p);
      p.status = 'done';
      p.phase = 'done';
      await save();
    } catch (err) {
      p.status = 'failed';
      p.phase = 'failed';
      const fileErrors = err instanceof ImportFileError ? err.errors : [];
      await this.ds.query(`update hazard_imports set file_errors = $2, error = $3 where id = $1`, [
        importId,
        JSON.stringify(fileErrors),
        err instanceof Error ? err.message : String(err),
      ]);
      await save();
    }
    return p;
  }

  private async chunk(
    importId: string,
    rows: SheetRow[],
    scope: ImportScope,
    firstRowOfKey: Map<string, number>,
    p: ImportProgress,
  ): Promise<void> {
    const codes = [...new Set(rows.map((r) => r.cells.creditCode?.toUpperCase()).filter((c): c is string => !!c))];
    const inspectionIds = [...new Set(rows.map((r) => r.cells.inspectionId).filter((c): c is string => !!c))];
    const ents: EnterpriseRef[] = codes.length
      ? await this.ds.query(
          `select e.id, e.credit_code as "creditCode", j.path as "gridPath" from enterprises e join jurisdictions j on j.id = e.grid_id where e.credit_code = any($1::text[])`,
          [codes],
        )
      : [];
    const insps: InspectionRef[] = inspectionIds.length
      ? await this.ds.query(`select id, enterprise_id as "enterpriseId" from inspections where id = any($1::text[])`, [inspectionIds])
      : [];
    const entByCode = new Map(ents.map((e) => [e.creditCode, e]));
    const inspById = new Map(insps.map((i) => [i.id, i]));
    const lookups = {
      enterprise: (code: string) => entByCode.get(code),
      inspection: (id: string) => inspById.get(id),
      mayReportFor: (e: EnterpriseRef) =>
        scope.everywhere === true ||
        (scope.enterpriseId !== null ? scope.enterpriseId === e.id : !!scope.reachPath && e.gridPath.startsWith(scope.reachPath)),
    };

    const records: RowRecord[] = [];
    const toRegister: { row: SheetRow; valid: ValidRow; key: string }[] = [];
    for (const row of rows) {
      const { row: valid, errors } = validateImportRow(row.cells, lookups);
      if (!valid) {
        records.push({ rowNumber: row.rowNumber, key: null, hazardId: null, outcome: 'invalid', cells: row.cells, errors });
        continue;
      }
      const key = rowKey(row.cells);
      const first = firstRowOfKey.get(key);
      if (first !== undefined) {
        records.push({
          rowNumber: row.rowNumber,
          key,
          hazardId: null,
          outcome: 'invalid',
          cells: row.cells,
          errors: [duplicateError(first)],
        });
        continue;
      }
      firstRowOfKey.set(key, row.rowNumber);
      toRegister.push({ row, valid, key });
    }
    await this.saveRecords(importId, records);

    const outcomes: Outcome[] = [...records.map((r) => r.outcome), ...(await this.registerAll(importId, toRegister, scope.actor))];
    for (const o of outcomes) {
      if (o === 'registered') p.registered++;
      else if (o === 'already_registered') p.alreadyRegistered++;
      else if (o === 'invalid') p.invalid++;
      else p.failed++;
    }
    p.done += rows.length;
  }

  /**
   * The valid rows of a chunk, in one transaction: claim their keys (a key claimed before means
   * the row was registered by an earlier import), insert their read-model rows, start their
   * workflows, then take back the rows whose start failed, and commit. A row is registered when
   * its key, its hazard row and its outcome are committed, which happens only after its workflow
   * started; a failed start leaves no trace but the 'failed' outcome. (Should the commit itself
   * fail after the starts, each workflow writes its own hazard row, and importing the file again
   * completes the bookkeeping: the start answers "already started".)
   */
  private async registerAll(importId: string, items: { row: SheetRow; valid: ValidRow; key: string }[], actor: Actor): Promise<Outcome[]> {
    if (!items.length) return [];
    const reportedAt = new Date().toISOString();
    const all = items.map(({ row, valid: v, key }) => ({
      row,
      key,
      inspectionId: v.inspectionId,
      h: {
        hazardId: hazardIdForRowKey(key),
        enterpriseId: v.enterprise.id,
        gridPath: v.enterprise.gridPath,
        source: v.source,
        description: v.description,
        ...(v.location ? { location: v.location } : {}),
        reportedBy: actor,
        reportedAt,
        policy: this.policy,
      } satisfies NewHazard,
    }));
    try {
      return await this.ds.transaction(async (m) => {
        const claimedRows: { row_key: string }[] = await m.query(
          `insert into hazard_import_keys (row_key, hazard_id, import_id, row_number)
           select * from unnest($1::text[], $2::text[], array_fill($3::text, array[$4::int]), $5::int[]) on conflict (row_key) do nothing returning row_key`,
          [all.map((a) => a.key), all.map((a) => a.h.hazardId), importId, all.length, all.map((a) => a.row.rowNumber)],
        );
        const claimed = new Set(claimedRows.map((r) => r.row_key));
        const fresh = all.filter((a) => claimed.has(a.key));
        const insertedIds = new Set(
          await insertReportedRows(
            m,
            fresh.map((a) => ({ h: a.h, inspectionId: a.inspectionId })),
          ),
        );
        const failures = new Map<string, string>();
        await eachInPool(fresh, this.concurrency, async (a) => {
          try {
            await this.starter.start(a.h);
          } catch (err) {
            failures.set(a.key, err instanceof Error ? err.message : String(err));
          }
        });
        if (failures.size) {
          const failed = fresh.filter((a) => failures.has(a.key));
          await m.query(`delete from hazard_import_keys where row_key = any($1::text[])`, [failed.map((a) => a.key)]);
          await m.query(`delete from hazards where id = any($1::text[])`, [
            failed.map((a) => a.h.hazardId).filter((id) => insertedIds.has(id)),
          ]);
        }
        const outcomeOf = (a: (typeof all)[number]): Outcome =>
          !claimed.has(a.key) ? 'already_registered' : failures.has(a.key) ? 'failed' : 'registered';
        await this.saveRecords(
          importId,
          all.map((a) => {
            const outcome = outcomeOf(a);
            const reason = `${ROW_ERRORS.registration_failed}：${failures.get(a.key) ?? ''}`.slice(0, 500);
            return {
              rowNumber: a.row.rowNumber,
              key: a.key,
              hazardId: outcome === 'failed' ? null : a.h.hazardId,
              outcome,
              cells: a.row.cells,
              errors: outcome === 'failed' ? [{ column: null, code: 'registration_failed' as const, reason }] : [],
            };
          }),
          m,
        );
        return all.map(outcomeOf);
      });
    } catch (err) {
      // The database failed: nothing of the chunk was committed.
      const reason = `${ROW_ERRORS.registration_failed}：${err instanceof Error ? err.message : String(err)}`.slice(0, 500);
      await this.saveRecords(
        importId,
        all.map((a) => ({
          rowNumber: a.row.rowNumber,
          key: a.key,
          hazardId: null,
          outcome: 'failed' as const,
          cells: a.row.cells,
          errors: [{ column: null, code: 'registration_failed' as const, reason }],
        })),
      );
      return all.map(() => 'failed' as const);
    }
  }

  private async saveRecords(importId: string, records: RowRecord[], m: Pick<DataSource, 'query'> = this.ds): Promise<void> {
    if (!records.length) return;
    await m.query(
      `insert into hazard_import_rows (import_id, row_number, row_key, hazard_id, outcome, cells, errors)
       select $1, * from unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[])
       on conflict (import_id, row_number) do update set outcome = excluded.outcome, hazard_id = excluded.hazard_id, errors = excluded.errors`,
      [
        importId,
        records.map((r) => r.rowNumber),
        records.map((r) => r.key),
        records.map((r) => r.hazardId),
        records.map((r) => r.outcome),
        records.map((r) => JSON.stringify(r.cells)),
        records.map((r) => JSON.stringify(r.errors)),
      ],
    );
  }
}
