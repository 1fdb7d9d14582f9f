import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { BulletinModel, BulletinTable, Segment } from './bulletin.model';

// 党政机关公文格式 (GB/T 9704): title 方正小标宋 二号, headings 黑体 三号, body 仿宋_GB2312 三号 (sizes in half-points).
const font = (eastAsia: string) => ({ eastAsia, ascii: 'Times New Roman', hAnsi: 'Times New Roman' });
const BODY = { font: font('仿宋_GB2312'), size: 32 };
const HEADING = { font: font('黑体'), size: 32 };
const TITLE = { font: font('方正小标宋简体'), size: 44 };
const SMALL = { font: font('仿宋_GB2312'), size: 21 };

const runs = (segments: Segment[]): TextRun[] =>
  segments.flatMap((s) =>
    typeof s === 'string'
      ? [new TextRun({ text: s, ...BODY })]
      : [new TextRun({ text: s.text, ...BODY }), new TextRun({ text: s.ref, ...BODY, size: 18, superScript: true })],
  );

const table = (t: BulletinTable, style = SMALL) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [t.head, ...t.rows].map(
      (r, i) =>
        new TableRow({
          tableHeader: i === 0,
          children: r.map(
            (c) =>
              new TableCell({
                children: [
                  new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: c, ...style, bold: i === 0 })] }),
                ],
              }),
          ),
        }),
    ),
  });

/** The bulletin as a .docx (Word) file; figures carry superscript query ids, listed in the appendix. */
export async function renderBulletinDocx(b: BulletinModel): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: b.issuer, ...TITLE, color: 'C00000' })] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 400, after: 400 },
      children: [new TextRun({ text: b.title, ...TITLE })],
    }),
  ];
  for (const s of b.sections) {
    children.push(new Paragraph({ indent: { firstLine: 640 }, children: [new TextRun({ text: s.heading, ...HEADING })] }));
    for (const p of s.paragraphs) children.push(new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: runs(p) }));
    if (s.table) children.push(table(s.table));
  }
  children.push(
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 600 }, children: [new TextRun({ text: b.issuer, ...BODY })] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: b.dateLine, ...BODY })] }),
    new Paragraph({ spacing: { before: 600 }, children: [new TextRun({ text: '附：数据来源', ...HEADING })] }),
    table({
      head: ['编号', '数据项', '查询'],
      rows: b.queries.map((q) => [
        q.id,
        q.label,
        q.listUrl
          ? `GET ${q.listUrl}（列表 total）`
          : `${
              Object.entries(q.filters)
                .map(([k, v]) => `${k}=${v}`)
                .join(', ') || '—'
            }；${q.extra}`,
      ]),
    }),
  );
  const doc = new Document({
    creator: b.issuer,
    title: b.title,
    sections: [{ properties: { page: { margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
