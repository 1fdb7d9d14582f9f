import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped } from 'fflate';

// 党政机关公文格式 (GB/T 9704): 发文机关标志 red, title 方正小标宋 二号, body 仿宋_GB2312 三号 (sizes in half-points).
const font = (eastAsia: string) => ({ eastAsia, ascii: 'Times New Roman', hAnsi: 'Times New Roman' });
const BODY = { font: font('仿宋_GB2312'), size: 32 };
const TITLE = { font: font('方正小标宋简体'), size: 44 };

/** A filled document, ready to render. */
export interface FilledDocument {
  issuer: string;
  number: string;
  title: string;
  addressee: string | null;
  paragraphs: string[];
  dateLine: string;
}

/** The document as a .docx built by the `docx` library: the layout of an official document, stated once. */
export function renderWithLibrary(d: FilledDocument): Promise<Buffer> {
  const line = (
    text: string,
    o: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; style?: object; indent?: boolean; before?: number } = {},
  ) =>
    new Paragraph({
      alignment: o.align,
      indent: o.indent ? { firstLine: 640 } : undefined,
      spacing: { line: 560, before: o.before },
      children: [new TextRun({ text, ...(o.style ?? BODY) })],
    });
  const children = [
    line(d.issuer, { align: AlignmentType.CENTER, style: { ...TITLE, color: 'C00000' } }),
    line(d.number, { align: AlignmentType.CENTER, before: 200 }),
    line(d.title, { align: AlignmentType.CENTER, style: TITLE, before: 400 }),
    ...(d.addressee ? [line(d.addressee, { before: 400 })] : []),
    ...d.paragraphs.map((p) => line(p, { indent: true })),
    line(d.issuer, { align: AlignmentType.RIGHT, before: 600 }),
    line(d.dateLine, { align: AlignmentType.RIGHT }),
  ];
  const doc = new Document({
    creator: d.issuer,
    title: `${d.title} ${d.number}`,
    sections: [{ properties: { page: { margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } }, children }],
  });
  return Packer.toBuffer(doc);
}

/*
 * Rendering a letter with the library costs about 16 ms of processor time, nearly all of it spent
 * rebuilding and compressing the parts every letter shares (styles, theme, numbering ...), on the
 * worker's event loop, in a burst of escalations. So the library renders one letter of markers once
 * (the skeleton); a letter is then the skeleton's paragraphs with its text put in, escaped as the
 * library escapes it, zipped again: the same XML (docx-document.renderer.spec.ts).
 */

/** Private-use characters around a field's name: never in a letter, untouched by the library's escaping. */
const mark = (name: string) => `\uE000${name}\uE000`;
const DOCUMENT = 'word/document.xml';
const CORE = 'docProps/core.xml';

interface Skeleton {
  parts: Unzipped;
  /** document.xml before the first paragraph and after the last. */
  head: string;
  tail: string;
  /** Each line's paragraph, with its field's marker where the text goes. */
  line: { issuer: string; number: string; title: string; addressee: string; body: string; signature: string; date: string };
  core: string;
}

let skeleton: Promise<Skeleton> | undefined;

async function buildSkeleton(): Promise<Skeleton> {
  const probe = await renderWithLibrary({
    issuer: mark('ISSUER'),
    number: mark('NUMBER'),
    title: mark('TITLE'),
    addressee: mark('ADDRESSEE'),
    paragraphs: [mark('BODY')],
    dateLine: mark('DATE'),
  });
  const parts = unzipSync(new Uint8Array(probe));
  const xml = strFromU8(parts[DOCUMENT]);
  const first = xml.indexOf('<w:p>');
  const end = xml.lastIndexOf('</w:p>') + '</w:p>'.length;
  const paragraphs = xml.slice(first, end).split(/(?<=<\/w:p>)(?=<w:p>)/);
  // The probe's lines in the library's order: issuer, number, title, addressee, one body line, signature, date.
  if (paragraphs.length !== 7) throw new Error(`docx skeleton: expected 7 paragraphs, found ${paragraphs.length}`);
  const [issuer, number, title, addressee, body, signature, date] = paragraphs;
  const core = strFromU8(parts[CORE]).replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, `$1${mark('NOW')}`);
  return {
    parts,
    head: xml.slice(0, first),
    tail: xml.slice(end),
    line: { issuer, number, title, addressee, body, signature, date },
    core,
  };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
/** As the library escapes a run's text: the five XML entities, and control characters XML 1.0 cannot carry dropped. */
// eslint-disable-next-line no-control-regex
const escapeText = (s: string) => s.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => ESCAPES[c] ?? '');
/** Every marker replaced in one pass, so a text that happens to hold a marker is never filled in turn. */
const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\uE000(\w+)\uE000/g, (m, name: string) => (name in values ? escapeText(values[name]) : m));

/** The document as a .docx (Word) file, in the layout of an official document. */
export async function renderDocumentDocx(d: FilledDocument): Promise<Buffer> {
  // A skeleton that failed to build is built again by the next letter, not kept as a failure.
  skeleton ??= buildSkeleton().catch((err: unknown) => {
    skeleton = undefined;
    throw err;
  });
  const s = await skeleton;
  const values = { ISSUER: d.issuer, NUMBER: d.number, TITLE: d.title, ADDRESSEE: d.addressee ?? '', DATE: d.dateLine };
  const lines = [
    fill(s.line.issuer, values),
    fill(s.line.number, values),
    fill(s.line.title, values),
    ...(d.addressee ? [fill(s.line.addressee, values)] : []),
    ...d.paragraphs.map((p) => fill(s.line.body, { BODY: p })),
    fill(s.line.signature, values),
    fill(s.line.date, values),
  ];
  const core = fill(s.core, { ...values, NOW: new Date().toISOString() });
  const zipped = zipSync({ ...s.parts, [DOCUMENT]: strToU8(s.head + lines.join('') + s.tail), [CORE]: strToU8(core) });
  return Buffer.from(zipped.buffer, zipped.byteOffset, zipped.byteLength);
}
