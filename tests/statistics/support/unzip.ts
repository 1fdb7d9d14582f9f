import { inflateRawSync } from 'node:zlib';

/** Reads one entry of a .zip (a .docx / .xlsx) through its central directory: stored or deflated. */
export function unzipEntry(zip: Buffer, name: string): Buffer | null {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file');
  const entries = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const entryName = zip.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    if (entryName === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return method === 0 ? Buffer.from(data) : inflateRawSync(data);
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  return null;
}

/** The visible text of a .docx: the runs of word/document.xml, paragraphs on their own lines. */
export function docxText(docx: Buffer, opts: { withNoteMarks?: boolean } = {}): string {
  let xml = unzipEntry(docx, 'word/document.xml')?.toString('utf8');
  if (!xml) throw new Error('no word/document.xml');
  // Note marks (the query ids) are superscript runs: dropped unless asked for.
  if (!opts.withNoteMarks) xml = xml.replace(/<w:r>(?:(?!<\/w:r>).)*?<w:vertAlign w:val="superscript"\/>(?:(?!<\/w:r>).)*?<\/w:r>/gs, '');
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<w:t[^>]*>([^<]*)<\/w:t>/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
