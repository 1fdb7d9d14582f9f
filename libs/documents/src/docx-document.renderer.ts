import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';

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

/** The document as a .docx (Word) file, in the layout of an official document. */
export function renderDocumentDocx(d: FilledDocument): Promise<Buffer> {
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
