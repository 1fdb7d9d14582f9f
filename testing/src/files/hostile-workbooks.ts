import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';

/**
 * Workbooks an attacker writes by hand: the few XML parts a reader needs, each part given as a
 * string or as a generator of chunks (so a huge part is deflated as it is produced, never held).
 */
type Part = string | (() => Iterable<string>);

const WORKBOOK = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="隐患导入" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
const TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`;

export const sheetXml = (rows: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;
export const inlineCell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

export async function handWrittenXlsx(sheet: Part, sharedStrings?: Part): Promise<Buffer> {
  const zip = new ZipFile();
  const add = (part: Part, name: string) => {
    if (typeof part === 'string') zip.addBuffer(Buffer.from(part, 'utf8'), name);
    else
      zip.addReadStream(
        Readable.from(
          (function* () {
            for (const s of part()) yield Buffer.from(s, 'utf8');
          })(),
        ),
        name,
      );
  };
  add(TYPES, '[Content_Types].xml');
  add(WORKBOOK, 'xl/workbook.xml');
  add(RELS, 'xl/_rels/workbook.xml.rels');
  add(sheet, 'xl/worksheets/sheet1.xml');
  if (sharedStrings) add(sharedStrings, 'xl/sharedStrings.xml');
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

/** The issue's 682-byte workbook: one cell at column HJUNYV (number 100,000,000). */
export const wideColumnBomb = () => handWrittenXlsx(sheetXml(`<row r="1">${inlineCell('HJUNYV1', '隐患描述')}</row>`));

/** A sheet that inflates to `mib` MiB of blanks from a few KiB: a classic zip bomb. */
export const blankBomb = (mib: number) =>
  handWrittenXlsx(() =>
    (function* () {
      yield '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
      const blanks = ' '.repeat(1024 * 1024);
      for (let i = 0; i < mib; i++) yield blanks;
      yield '</sheetData></worksheet>';
    })(),
  );

/** `n` distinct shared strings (each a few characters): past a count bound without being large. */
export const manySharedStrings = (n: number) =>
  handWrittenXlsx(sheetXml(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`), () =>
    (function* () {
      yield `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${n}" uniqueCount="${n}">`;
      for (let i = 0; i < n; i += 1000)
        yield Array.from({ length: Math.min(1000, n - i) }, (_, k) => `<si><t>s${(i + k).toString(36)}</t></si>`).join('');
      yield '</sst>';
    })(),
  );

/** One shared string of `chars` characters in pieces: a workbook whose strings alone fill a heap. */
export const hugeSharedString = (chars: number) =>
  handWrittenXlsx(sheetXml(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`), () =>
    (function* () {
      yield '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">';
      const piece = '隐患'.repeat(512 * 1024);
      for (let i = 0; i < chars; i += piece.length) yield `<si><t>${piece}</t></si>`;
      yield '</sst>';
    })(),
  );

/** The template's headers and `n` data rows, written as inline strings. */
export const manyRows = (n: number, creditCode: string) =>
  handWrittenXlsx(() =>
    (function* () {
      yield '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
      yield `<row r="1">${inlineCell('A1', '企业统一社会信用代码')}${inlineCell('B1', '隐患来源')}${inlineCell('C1', '隐患描述')}</row>`;
      for (let i = 0; i < n; i += 1000) {
        yield Array.from({ length: Math.min(1000, n - i) }, (_, k) => {
          const r = i + k + 2;
          return `<row r="${r}">${inlineCell(`A${r}`, creditCode)}${inlineCell(`B${r}`, '企业自查')}${inlineCell(`C${r}`, `批量隐患第${r}行`)}</row>`;
        }).join('');
      }
      yield '</sheetData></worksheet>';
    })(),
  );
