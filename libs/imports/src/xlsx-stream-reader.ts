import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl, { type Entry, type ZipFile } from 'yauzl';

/**
 * A streaming .xlsx reader with bounds. yauzl reads the zip (central directory, inflate, declared
 * sizes checked against what inflates); each XML entry is decoded as UTF-8 across chunk boundaries
 * (exceljs' own streaming reader decodes every chunk on its own and corrupts a Chinese character
 * that straddles two chunks) and parsed with saxes. Only what an import needs: shared strings, the
 * sheet names and, row by row, the cells' text of one sheet.
 *
 * Every size an uploader controls is bounded while it streams, before it is allocated: columns,
 * rows, shared strings (count and characters), the text of one cell, the inflated bytes and the
 * inflate ratio. Past a bound the reader throws an XlsxBoundError naming the row, the column and
 * the bound, and stops reading.
 */
export interface XlsxBounds {
  /** Excel's own limit is 16,384 columns (XFD). */
  maxColumns: number;
  /** Non-empty rows of the data sheet (the header row included). */
  maxRows: number;
  maxSharedStrings: number;
  /** Characters of all shared strings together. */
  maxSharedStringChars: number;
  /** Bytes inflated from the whole file (every entry read, every pass). */
  maxInflatedBytes: number;
  /** Inflated bytes per compressed byte of an entry, checked once an entry passes 1 MiB. */
  maxInflateRatio: number;
  /** Excel's own limit for one cell is 32,767 characters. */
  maxCellChars: number;
}

export const EXCEL_MAX_COLUMNS = 16_384;
export const EXCEL_MAX_CELL_CHARS = 32_767;
const RATIO_FLOOR_BYTES = 1024 * 1024;

export const DEFAULT_XLSX_BOUNDS: XlsxBounds = {
  maxColumns: EXCEL_MAX_COLUMNS,
  maxRows: 50_001,
  maxSharedStrings: 500_000,
  maxSharedStringChars: 32 * 1024 * 1024,
  maxInflatedBytes: 512 * 1024 * 1024,
  maxInflateRatio: 200,
  maxCellChars: EXCEL_MAX_CELL_CHARS,
};

export type XlsxBoundCode =
  | 'too_many_columns'
  | 'too_many_rows'
  | 'too_many_shared_strings'
  | 'shared_strings_too_large'
  | 'inflated_too_large'
  | 'inflate_ratio'
  | 'cell_too_large';

/** A bound was passed: where (row and column, when it is a cell's) and which. */
export class XlsxBoundError extends Error {
  constructor(
    readonly code: XlsxBoundCode,
    message: string,
    readonly row?: number,
    readonly column?: string,
  ) {
    super(message);
  }
}

/** 'A' → 1, 'XFD' → 16384; letters only, at most 7 of them (enough to name any too-wide column). */
export function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length && i < 7; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n;
}

const columnLetters = (ref: string) => /^[A-Z]*/.exec(ref)![0];

type XmlEvent = { kind: 'open' | 'close' | 'text'; name: string; attrs?: Record<string, string>; text?: string };

/** Counts inflated bytes against the file's budget and each entry's ratio. */
class InflateBudget {
  private total = 0;
  constructor(private readonly bounds: XlsxBounds) {}

  take(entry: Entry, entryBytes: number, chunkBytes: number): void {
    this.total += chunkBytes;
    if (this.total > this.bounds.maxInflatedBytes) {
      throw new XlsxBoundError(
        'inflated_too_large',
        `解压后超过 ${this.bounds.maxInflatedBytes} 字节 / inflates past ${this.bounds.maxInflatedBytes} bytes`,
      );
    }
    if (entryBytes > RATIO_FLOOR_BYTES && entryBytes > this.bounds.maxInflateRatio * Math.max(1, entry.compressedSize)) {
      throw new XlsxBoundError(
        'inflate_ratio',
        `${entry.fileName} 压缩比超过 ${this.bounds.maxInflateRatio}:1 / inflate ratio above ${this.bounds.maxInflateRatio}:1`,
      );
    }
  }

  /** Refuses an entry whose declared size alone passes a bound (yauzl holds it to that size). */
  declared(entry: Entry): void {
    if (entry.uncompressedSize > this.bounds.maxInflatedBytes) this.take(entry, entry.uncompressedSize, entry.uncompressedSize);
    if (entry.uncompressedSize > RATIO_FLOOR_BYTES) this.take(entry, entry.uncompressedSize, 0);
  }
}

class Archive {
  private constructor(
    private readonly zip: ZipFile,
    readonly entries: Map<string, Entry>,
    private readonly budget: InflateBudget,
  ) {}

  static async open(path: string, bounds: XlsxBounds): Promise<Archive> {
    const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false });
    const entries = new Map<string, Entry>();
    const budget = new InflateBudget(bounds);
    try {
      for await (const e of zip.eachEntry()) {
        budget.declared(e);
        entries.set(e.fileName, e);
      }
    } catch (err) {
      zip.close();
      throw err;
    }
    return new Archive(zip, entries, budget);
  }

  /** The entry's text, streamed: string chunks with multi-byte characters kept whole. */
  async *text(entry: Entry): AsyncGenerator<string> {
    const stream: Readable = await this.zip.openReadStreamPromise(entry);
    const decoder = new TextDecoder('utf-8');
    let entryBytes = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        entryBytes += chunk.length;
        this.budget.take(entry, entryBytes, chunk.length);
        yield decoder.decode(chunk, { stream: true });
      }
      const rest = decoder.decode();
      if (rest) yield rest;
    } finally {
      stream.destroy();
    }
  }

  /** Parses an XML entry, yielding its events chunk by chunk (async, back-pressured). */
  async *xml(entry: Entry): AsyncGenerator<XmlEvent[]> {
    const parser = new SaxesParser();
    let events: XmlEvent[] = [];
    let error: Error | null = null;
    parser.on('error', (err) => {
      error = err;
    });
    parser.on('opentag', (t: SaxesTagPlain) => events.push({ kind: 'open', name: t.name, attrs: t.attributes as Record<string, string> }));
    parser.on('closetag', (t: SaxesTagPlain) => events.push({ kind: 'close', name: t.name }));
    parser.on('text', (text: string) => events.push({ kind: 'text', name: '', text }));
    for await (const chunk of this.text(entry)) {
      parser.write(chunk);
      if (error) throw error;
      yield events;
      events = [];
    }
    parser.close();
    if (error) throw error;
    if (events.length) yield events;
  }

  close(): void {
    this.zip.close();
  }
}

async function sharedStrings(zip: Archive, bounds: XlsxBounds): Promise<string[]> {
  const e = zip.entries.get('xl/sharedStrings.xml');
  if (!e) return [];
  const out: string[] = [];
  let chars = 0;
  let current: string | null = null;
  let inText = false;
  let inPhonetic = false;
  for await (const batch of zip.xml(e)) {
    for (const ev of batch) {
      if (ev.kind === 'open') {
        if (ev.name === 'si') current = '';
        else if (ev.name === 'rPh') inPhonetic = true;
        else if (ev.name === 't') inText = true;
      } else if (ev.kind === 'close') {
        if (ev.name === 'si') {
          if (out.length >= bounds.maxSharedStrings) {
            throw new XlsxBoundError(
              'too_many_shared_strings',
              `共享字符串超过 ${bounds.maxSharedStrings} 个 / more than ${bounds.maxSharedStrings} shared strings`,
            );
          }
          out.push(current ?? '');
          current = null;
        } else if (ev.name === 'rPh') inPhonetic = false;
        else if (ev.name === 't') inText = false;
      } else if (inText && !inPhonetic && current !== null) {
        chars += ev.text!.length;
        if (chars > bounds.maxSharedStringChars) {
          throw new XlsxBoundError(
            'shared_strings_too_large',
            `共享字符串超过 ${bounds.maxSharedStringChars} 字符 / shared strings longer than ${bounds.maxSharedStringChars} characters`,
          );
        }
        current += ev.text;
      }
    }
  }
  return out;
}

/** Sheet names and their entries, in workbook order. */
async function sheets(zip: Archive): Promise<{ name: string; entry: Entry }[]> {
  const wb = zip.entries.get('xl/workbook.xml');
  const rels = zip.entries.get('xl/_rels/workbook.xml.rels');
  if (!wb || !rels) throw new Error('no workbook');
  const targets = new Map<string, string>();
  for await (const batch of zip.xml(rels)) {
    for (const ev of batch) {
      if (ev.kind === 'open' && ev.name === 'Relationship' && ev.attrs!.Target) {
        const t = ev.attrs!.Target;
        targets.set(ev.attrs!.Id, t.startsWith('/') ? t.slice(1) : `xl/${t}`);
      }
    }
  }
  const out: { name: string; entry: Entry }[] = [];
  for await (const batch of zip.xml(wb)) {
    for (const ev of batch) {
      if (ev.kind === 'open' && ev.name === 'sheet') {
        const entry = zip.entries.get(targets.get(ev.attrs!['r:id']) ?? '');
        if (entry) out.push({ name: ev.attrs!.name, entry });
      }
    }
  }
  return out;
}

/** A row's non-empty cells by 1-based column: sparse, so a far-right cell costs one entry, not a row that wide. */
export interface XlsxRow {
  rowNumber: number;
  cells: Map<number, string>;
}

export interface XlsxWorkbookStream {
  sheetNames: string[];
  /** Rows of a sheet with their cells' text; empty rows are not yielded. */
  rows(sheetName: string): AsyncGenerator<XlsxRow>;
  close(): void;
}

export async function openXlsx(path: string, bounds: XlsxBounds = DEFAULT_XLSX_BOUNDS): Promise<XlsxWorkbookStream> {
  const zip = await Archive.open(path, bounds);
  try {
    const strings = await sharedStrings(zip, bounds);
    const list = await sheets(zip);
    return {
      sheetNames: list.map((s) => s.name),
      rows: (sheetName) => sheetRows(zip, list.find((s) => s.name === sheetName)?.entry, strings, bounds),
      close: () => zip.close(),
    };
  } catch (err) {
    zip.close();
    throw err;
  }
}

async function* sheetRows(zip: Archive, entry: Entry | undefined, strings: string[], bounds: XlsxBounds): AsyncGenerator<XlsxRow> {
  if (!entry) return;
  let rowNumber = 0;
  let rows = 0;
  let cells = new Map<number, string>();
  let cell: { col: number; type: string } | null = null;
  let text = '';
  let inValue = false;
  let nextCol = 1;
  const cellTooLarge = (col: number) =>
    new XlsxBoundError(
      'cell_too_large',
      `单元格超过 ${bounds.maxCellChars} 字符 / a cell longer than ${bounds.maxCellChars} characters`,
      rowNumber,
      columnName(col),
    );
  for await (const batch of zip.xml(entry)) {
    const done: XlsxRow[] = [];
    for (const ev of batch) {
      if (ev.kind === 'open') {
        if (ev.name === 'row') {
          rowNumber = ev.attrs!.r ? Number(ev.attrs!.r) : rowNumber + 1;
          cells = new Map();
          nextCol = 1;
        } else if (ev.name === 'c') {
          const ref = ev.attrs!.r;
          const col = ref ? columnIndex(ref) : nextCol;
          if (col > bounds.maxColumns) {
            throw new XlsxBoundError(
              'too_many_columns',
              `列 ${ref ? columnLetters(ref) : col} 超出 ${bounds.maxColumns} 列 / column beyond ${bounds.maxColumns}`,
              rowNumber,
              ref ? columnLetters(ref) : String(col),
            );
          }
          cell = { col, type: ev.attrs!.t ?? 'n' };
          nextCol = col + 1;
          text = '';
        } else if (cell && (ev.name === 'v' || ev.name === 't')) inValue = true;
      } else if (ev.kind === 'close') {
        if (ev.name === 'v' || ev.name === 't') inValue = false;
        else if (ev.name === 'c' && cell) {
          const value = cell.type === 's' ? (strings[Number(text)] ?? '') : cell.type === 'b' ? (text === '1' ? 'TRUE' : 'FALSE') : text;
          if (value.trim() !== '') cells.set(cell.col, value);
          cell = null;
        } else if (ev.name === 'row') {
          if (cells.size > 0) {
            if (++rows > bounds.maxRows) {
              throw new XlsxBoundError('too_many_rows', `行数超过 ${bounds.maxRows} / more than ${bounds.maxRows} rows`, rowNumber);
            }
            done.push({ rowNumber, cells });
          }
        }
      } else if (inValue && cell) {
        text += ev.text;
        if (text.length > bounds.maxCellChars) throw cellTooLarge(cell.col);
      }
    }
    yield* done;
  }
}

/** 1 → 'A', 16385 → 'XFE'. */
export function columnName(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
