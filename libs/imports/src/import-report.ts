import type { DataSource } from 'typeorm';
import { IMPORT_COLUMNS, type ImportCells, type RowError } from './import-columns';
import { streamingWorkbook } from './xlsx-stream';

export interface ImportRowProblem {
  row: number;
  column: string | null;
  code: string;
  reason: string;
}

/** The problems of an import, one entry per row and column (rows that were not registered). */
export async function importProblems(ds: DataSource, importId: string, limit = 1000, afterRow = 0): Promise<ImportRowProblem[]> {
  const rows: { row_number: number; errors: RowError[] }[] = await ds.query(
    `select row_number, errors from hazard_import_rows where import_id = $1 and outcome in ('invalid','failed') and row_number > $2 order by row_number limit $3`,
    [importId, afterRow, limit],
  );
  return rows.flatMap((r) => r.errors.map((e) => ({ row: r.row_number, column: e.column, code: e.code, reason: e.reason })));
}

/**
 * The error report as .xlsx: every row that was not registered, with its row number in the
 * uploaded file, its cells under the template's headers and an 错误原因 column. It can be
 * corrected and imported again as it is (the extra columns are ignored).
 */
export function importErrorReport(ds: DataSource, importId: string) {
  const { stream, sheet } = streamingWorkbook('导入错误', [
    { header: '原行号', width: 8 },
    ...IMPORT_COLUMNS.map((c) => ({ header: c.header, width: c.width })),
    { header: '错误原因', width: 80 },
  ]);
  const done = (async () => {
    let after = 0;
    for (;;) {
      const rows: { row_number: number; cells: ImportCells; errors: RowError[] }[] = await ds.query(
        `select row_number, cells, errors from hazard_import_rows where import_id = $1 and outcome in ('invalid','failed') and row_number > $2 order by row_number limit 1000`,
        [importId, after],
      );
      for (const r of rows) {
        const reasons = r.errors.map((e) => (e.column ? `${e.column}：${e.reason}` : e.reason)).join('；');
        sheet.add([r.row_number, ...IMPORT_COLUMNS.map((c) => r.cells[c.key] ?? ''), reasons]);
      }
      if (rows.length < 1000) break;
      after = rows[rows.length - 1].row_number;
    }
    await sheet.end();
  })();
  done.catch((err) => stream.destroy(err));
  return { stream, done };
}
