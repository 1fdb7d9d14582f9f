import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';
import { SaxesParser, type SaxesTagPlain } from 'saxes';

/**
 * A small streaming .xlsx reader: the zip's central directory is read from the end of the file,
 * each needed entry is inflated as a stream and decoded as UTF-8 across chunk boundaries (exceljs'
 * own streaming reader decodes every chunk on its own and corrupts a Chinese character that
 * straddles two chunks), then parsed with saxes. Only what an import needs: shared strings, the
 * sheet names and, row by row, the cells' text of one sheet.
 */
interface ZipEntry { name: string; method: number; compressedSize: number; localOffset: number }

async function centralDirectory(path: string): Promise<Map<string, ZipEntry>> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const tailSize = Math.min(size, 22 + 65535);
    const tail = Buffer.alloc(tailSize);
    await fh.read(tail, 0, tailSize, size - tailSize);
    let eocd = tailSize - 22;
    while (eocd >= 0 && tail.readUInt32LE(eocd) !== 0x06054b50) eocd--;
    if (eocd < 0) throw new Error('not a zip file');
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const entries = new Map<string, ZipEntry>();
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (cd.readUInt32LE(p) !== 0x02014b50) throw new Error('bad zip central directory');
      const nameLen = cd.readUInt16LE(p + 28);
      const name = cd.subarray(p + 46, p + 46 + nameLen).toString('utf8');
      entries.set(name, { name, method: cd.readUInt16LE(p + 10), compressedSize: cd.readUInt32LE(p + 20), localOffset: cd.readUInt32LE(p + 42) });
      p += 46 + nameLen + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
    }
    // Where each entry's data starts: after its local header (whose name/extra lengths may differ).
    for (const e of entries.values()) {
      const local = Buffer.alloc(30);
      await fh.read(local, 0, 30, e.localOffset);
      if (local.readUInt32LE(0) !== 0x04034b50) throw new Error('bad zip local header');
      e.localOffset += 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    }
    return entries;
  } finally {
    await fh.close();
  }
}

/** The entry's text, streamed: string chunks with multi-byte characters kept whole. */
function entryText(path: string, e: ZipEntry): AsyncIterable<string> {
  const raw = createReadStream(path, { start: e.localOffset, end: e.localOffset + Math.max(0, e.compressedSize - 1) });
  if (e.method !== 0 && e.method !== 8) throw new Error(`unsupported zip method ${e.method}`);
  const body = e.method === 8 ? raw.pipe(createInflateRaw()) : raw;
  raw.on('error', (err) => body.destroy(err));
  body.setEncoding('utf8');
  return body as AsyncIterable<string>;
}

/** Parses an XML entry, calling `on` for elements and text, chunk by chunk (async, back-pressured). */
async function* xmlEvents(path: string, e: ZipEntry): AsyncGenerator<{ kind: 'open' | 'close' | 'text'; name: string; attrs?: Record<string, string>; text?: string }[]> {
  const parser = new SaxesParser();
  let events: { kind: 'open' | 'close' | 'text'; name: string; attrs?: Record<string, string>; text?: string }[] = [];
  let error: Error | null = null;
  parser.on('error', (err) => { error = err; });
  parser.on('opentag', (t: SaxesTagPlain) => events.push({ kind: 'open', name: t.name, attrs: t.attributes as Record<string, string> }));
  parser.on('closetag', (t: SaxesTagPlain) => events.push({ kind: 'close', name: t.name }));
  parser.on('text', (text: string) => events.push({ kind: 'text', name: '', text }));
  for await (const chunk of entryText(path, e)) {
    parser.write(chunk);
    if (error) throw error;
    yield events;
    events = [];
  }
  parser.close();
  if (error) throw error;
  if (events.length) yield events;
}

async function sharedStrings(path: string, entries: Map<string, ZipEntry>): Promise<string[]> {
  const e = entries.get('xl/sharedStrings.xml');
  if (!e) return [];
  const out: string[] = [];
  let current: string | null = null;
  let inText = false;
  let inPhonetic = false;
  for await (const batch of xmlEvents(path, e)) {
    for (const ev of batch) {
      if (ev.kind === 'open') {
        if (ev.name === 'si') current = '';
        else if (ev.name === 'rPh') inPhonetic = true;
        else if (ev.name === 't') inText = true;
      } else if (ev.kind === 'close') {
        if (ev.name === 'si') { out.push(current ?? ''); current = null; }
        else if (ev.name === 'rPh') inPhonetic = false;
        else if (ev.name === 't') inText = false;
      } else if (inText && !inPhonetic && current !== null) current += ev.text;
    }
  }
  return out;
}

/** Sheet names and their entry paths, in workbook order. */
async function sheets(path: string, entries: Map<string, ZipEntry>): Promise<{ name: string; entry: string }[]> {
  const wb = entries.get('xl/workbook.xml');
  const rels = entries.get('xl/_rels/workbook.xml.rels');
  if (!wb || !rels) throw new Error('no workbook');
  const targets = new Map<string, string>();
  for await (const batch of xmlEvents(path, rels)) {
    for (const ev of batch) {
      if (ev.kind === 'open' && ev.name === 'Relationship') {
        const t = ev.attrs!.Target;
        targets.set(ev.attrs!.Id, t.startsWith('/') ? t.slice(1) : `xl/${t}`);
      }
    }
  }
  const out: { name: string; entry: string }[] = [];
  for await (const batch of xmlEvents(path, wb)) {
    for (const ev of batch) {
      if (ev.kind === 'open' && ev.name === 'sheet') {
        const entry = targets.get(ev.attrs!['r:id']);
        if (entry && entries.has(entry)) out.push({ name: ev.attrs!.name, entry });
      }
    }
  }
  return out;
}

const columnIndex = (ref: string) => {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n;
};

export interface XlsxWorkbookStream {
  sheetNames: string[];
  /** Rows of a sheet as [rowNumber, texts by 1-based column]; empty rows are not yielded. */
  rows(sheetName: string): AsyncGenerator<{ rowNumber: number; values: string[] }>;
}

export async function openXlsx(path: string): Promise<XlsxWorkbookStream> {
  const entries = await centralDirectory(path);
  const strings = await sharedStrings(path, entries);
  const list = await sheets(path, entries);
  return {
    sheetNames: list.map((s) => s.name),
    async *rows(sheetName) {
      const sheet = list.find((s) => s.name === sheetName);
      if (!sheet) return;
      let rowNumber = 0;
      let values: string[] = [];
      let cell: { col: number; type: string } | null = null;
      let text = '';
      let inValue = false;
      let nextCol = 1;
      for await (const batch of xmlEvents(path, entries.get(sheet.entry)!)) {
        const done: { rowNumber: number; values: string[] }[] = [];
        for (const ev of batch) {
          if (ev.kind === 'open') {
            if (ev.name === 'row') {
              rowNumber = ev.attrs!.r ? Number(ev.attrs!.r) : rowNumber + 1;
              values = [];
              nextCol = 1;
            } else if (ev.name === 'c') {
              const col = ev.attrs!.r ? columnIndex(ev.attrs!.r) : nextCol;
              cell = { col, type: ev.attrs!.t ?? 'n' };
              nextCol = col + 1;
              text = '';
            } else if (cell && (ev.name === 'v' || ev.name === 't')) inValue = true;
          } else if (ev.kind === 'close') {
            if (ev.name === 'v' || ev.name === 't') inValue = false;
            else if (ev.name === 'c' && cell) {
              values[cell.col] = cell.type === 's' ? strings[Number(text)] ?? '' : cell.type === 'b' ? (text === '1' ? 'TRUE' : 'FALSE') : text;
              cell = null;
            } else if (ev.name === 'row') {
              if (values.some((v) => v !== undefined && v.trim() !== '')) done.push({ rowNumber, values: Array.from(values, (v) => v ?? '') });
            }
          } else if (inValue && cell) text += ev.text;
        }
        yield* done;
      }
    },
  };
}
