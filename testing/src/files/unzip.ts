import yauzl from 'yauzl';

/** Reads one entry of a .zip (a .docx / .xlsx) held in memory, or null when it has none. */
export async function unzipEntry(zip: Buffer, name: string): Promise<Buffer | null> {
  const archive = await yauzl.fromBufferPromise(zip, { lazyEntries: true });
  try {
    for await (const entry of archive.eachEntry()) {
      if (entry.fileName !== name) continue;
      const chunks: Buffer[] = [];
      for await (const c of (await archive.openReadStreamPromise(entry)) as AsyncIterable<Buffer>) chunks.push(c);
      return Buffer.concat(chunks);
    }
    return null;
  } finally {
    archive.close();
  }
}

/** The visible text of a .docx: the runs of word/document.xml, paragraphs on their own lines. */
export async function docxText(docx: Buffer, opts: { withNoteMarks?: boolean } = {}): Promise<string> {
  let xml = (await unzipEntry(docx, 'word/document.xml'))?.toString('utf8');
  if (!xml) throw new Error('no word/document.xml');
  // Note marks (the query ids) are superscript runs: dropped unless asked for.
  if (!opts.withNoteMarks) xml = xml.replace(/<w:r>(?:(?!<\/w:r>).)*?<w:vertAlign w:val="superscript"\/>(?:(?!<\/w:r>).)*?<\/w:r>/gs, '');
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<w:t[^>]*>([^<]*)<\/w:t>/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
