import { FILE_ERRORS, HELP_SHEET, IMPORT_COLUMNS, type FileError, type ImportCells, type ImportColumnKey } from './import-columns';
import { DEFAULT_XLSX_BOUNDS, openXlsx, XlsxBoundError, type XlsxBounds, type XlsxWorkbookStream } from './xlsx-stream-reader';

export interface SheetRow {
  rowNumber: number;
  cells: ImportCells;
}

/** The whole file is unusable (bad workbook, missing columns, past a bound): nothing is imported. */
export class ImportFileError extends Error {
  constructor(readonly errors: FileError[]) {
    super(errors.map((e) => e.reason).join('; '));
  }
}

/** A passed bound as the file error the report shows: the bound's code, where, and why. */
function boundError(err: XlsxBoundError, bounds: XlsxBounds): ImportFileError {
  const why =
    err.code === 'too_many_rows'
      ? `数据行超过 ${bounds.maxRows} 行 / more than ${bounds.maxRows} data rows (IMPORT_MAX_ROWS)`
      : err.message;
  return new ImportFileError([
    {
      code: err.code,
      reason: `${FILE_ERRORS[err.code]}：${why}`,
      ...(err.row !== undefined ? { row: err.row } : {}),
      ...(err.column !== undefined ? { column: err.column } : {}),
    },
  ]);
}

const notXlsx = (err: unknown) =>
  new ImportFileError([{ code: 'not_xlsx', reason: `${FILE_ERRORS.not_xlsx}（${(err as Error).message}）` }]);

/**
 * Streams the data rows of an import file (rows are parsed and dropped as they go, so memory does
 * not grow with the file; every size the file controls is bounded, see XlsxBounds). The data sheet
 * is the first one that is not the help sheet. The header row is the first non-empty row; columns
 * are found by their Chinese headers, in any order; unknown columns are ignored (so the error report
 * can be imported back). Empty rows are skipped.
 */
/** `bounds.maxRows` counts data rows (IMPORT_MAX_ROWS), the header row not included. */
export async function* readImportRows(filePath: string, bounds: XlsxBounds = DEFAULT_XLSX_BOUNDS): AsyncGenerator<SheetRow> {
  let book: XlsxWorkbookStream;
  try {
    // The sheet's row bound counts the header row too.
    book = await openXlsx(filePath, { ...bounds, maxRows: bounds.maxRows + 1 });
  } catch (err) {
    throw err instanceof XlsxBoundError ? boundError(err, bounds) : notXlsx(err);
  }
  try {
    const sheet = book.sheetNames.find((n) => n !== HELP_SHEET);
    if (!sheet) throw new ImportFileError([{ code: 'no_rows', reason: FILE_ERRORS.no_rows }]);
    let columns: Map<ImportColumnKey, number> | null = null;
    try {
      for await (const row of book.rows(sheet)) {
        if (!columns) {
          columns = headerColumns(row.cells);
          continue;
        }
        const cells: ImportCells = {};
        for (const [key, idx] of columns) {
          const t = row.cells.get(idx)?.trim() ?? '';
          if (t !== '') cells[key] = t;
        }
        yield { rowNumber: row.rowNumber, cells };
      }
    } catch (err) {
      if (err instanceof ImportFileError) throw err;
      throw err instanceof XlsxBoundError ? boundError(err, bounds) : notXlsx(err);
    }
    if (!columns) throw new ImportFileError([{ code: 'no_rows', reason: FILE_ERRORS.no_rows }]);
  } finally {
    book.close();
  }
}

function headerColumns(cells: Map<number, string>): Map<ImportColumnKey, number> {
  const found = new Map<ImportColumnKey, number>();
  for (const [i, t] of [...cells].sort((a, b) => a[0] - b[0])) {
    const header = t.replace(/[*＊\s]/g, '');
    const col = IMPORT_COLUMNS.find((c) => c.header === header);
    if (col && !found.has(col.key)) found.set(col.key, i);
  }
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !found.has(c.key));
  if (missing.length) {
    throw new ImportFileError(
      missing.map((c) => ({ code: 'header_missing', column: c.header, reason: `${FILE_ERRORS.header_missing}：${c.header}` })),
    );
  }
  return found;
}

/** Counts the data rows (a first, cheap pass: every bound is checked before anything is registered). */
export async function countImportRows(filePath: string, bounds: XlsxBounds = DEFAULT_XLSX_BOUNDS): Promise<number> {
  let n = 0;
  for await (const _ of readImportRows(filePath, bounds)) n++;
  return n;
}
