import { FILE_ERRORS, HELP_SHEET, IMPORT_COLUMNS, type FileError, type ImportCells, type ImportColumnKey } from './import-columns';
import { openXlsx, type XlsxWorkbookStream } from './xlsx-stream-reader';

export interface SheetRow { rowNumber: number; cells: ImportCells }

/** The whole file is unusable (bad workbook, missing columns): nothing is imported. */
export class ImportFileError extends Error {
  constructor(readonly errors: FileError[]) {
    super(errors.map((e) => e.reason).join('; '));
  }
}

/**
 * Streams the data rows of an import file (rows are parsed and dropped as they go, so memory does
 * not grow with the file). The data sheet is the first one that is not the help sheet. The header
 * row is the first non-empty row; columns are found by their Chinese headers, in any order;
 * unknown columns are ignored (so the error report can be imported back). Empty rows are skipped.
 */
export async function* readImportRows(filePath: string): AsyncGenerator<SheetRow> {
  let book: XlsxWorkbookStream;
  try {
    book = await openXlsx(filePath);
  } catch (err) {
    throw new ImportFileError([{ code: 'not_xlsx', reason: `${FILE_ERRORS.not_xlsx}（${(err as Error).message}）` }]);
  }
  const sheet = book.sheetNames.find((n) => n !== HELP_SHEET);
  if (!sheet) throw new ImportFileError([{ code: 'no_rows', reason: FILE_ERRORS.no_rows }]);
  let columns: Map<ImportColumnKey, number> | null = null;
  try {
    for await (const row of book.rows(sheet)) {
      const texts = row.values.map((v) => v.trim());
      if (!columns) {
        columns = headerColumns(texts);
        continue;
      }
      const cells: ImportCells = {};
      for (const [key, idx] of columns) {
        const t = texts[idx] ?? '';
        if (t !== '') cells[key] = t;
      }
      yield { rowNumber: row.rowNumber, cells };
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    throw new ImportFileError([{ code: 'not_xlsx', reason: `${FILE_ERRORS.not_xlsx}（${(err as Error).message}）` }]);
  }
  if (!columns) throw new ImportFileError([{ code: 'no_rows', reason: FILE_ERRORS.no_rows }]);
}

function headerColumns(texts: string[]): Map<ImportColumnKey, number> {
  const found = new Map<ImportColumnKey, number>();
  texts.forEach((t, i) => {
    const header = t.replace(/[*＊\s]/g, '');
    const col = IMPORT_COLUMNS.find((c) => c.header === header);
    if (col && !found.has(col.key)) found.set(col.key, i);
  });
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !found.has(c.key));
  if (missing.length) {
    throw new ImportFileError(missing.map((c) => ({ code: 'header_missing', column: c.header, reason: `${FILE_ERRORS.header_missing}：${c.header}` })));
  }
  return found;
}

/** Counts the data rows (a first, cheap pass, so progress can say "rows done of total"). */
export async function countImportRows(filePath: string): Promise<number> {
  let n = 0;
  for await (const _ of readImportRows(filePath)) n++;
  return n;
}
