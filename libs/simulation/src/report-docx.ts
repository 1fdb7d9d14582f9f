import { Resvg } from '@resvg/resvg-js';
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { SimulationReport } from './simulation-report';
import { reportSummary, reportTables, reportTitle } from './report-tables';

const FONT = { eastAsia: '仿宋_GB2312', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };

/** Word shows the SVG; older readers fall back to a PNG of it (resvg, with the system's CJK fonts). */
function chartImage(svg: string, width: number, height: number): ImageRun {
  const png = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' },
    fitTo: { mode: 'width', value: width * 2 },
  })
    .render()
    .asPng();
  return new ImageRun({
    type: 'svg',
    data: Buffer.from(svg, 'utf8'),
    fallback: { type: 'png', data: png },
    transformation: { width, height },
  });
}

/** The report as a .docx: summary, the ECharts charts (SVG) and the tables. */
export async function renderReportDocx(r: SimulationReport, charts: { title: string; svg: string }[]): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: reportTitle(r), font: FONT })],
    }),
    ...reportSummary(r).map((l) => new Paragraph({ children: [new TextRun({ text: l, font: FONT })] })),
  ];
  for (const c of charts) {
    children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [chartImage(c.svg, 600, 267)] }));
  }
  for (const t of reportTables(r)) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: t.title, font: FONT })] }));
    if (t.rows.length === 0) {
      children.push(new Paragraph({ children: [new TextRun({ text: '（无 / none）', font: FONT })] }));
      continue;
    }
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [t.head, ...t.rows].map(
          (row, i) =>
            new TableRow({
              tableHeader: i === 0,
              children: row.map(
                (c) =>
                  new TableCell({
                    children: [new Paragraph({ children: [new TextRun({ text: c, font: FONT, size: 18, bold: i === 0 })] })],
                  }),
              ),
            }),
        ),
      }),
    );
  }
  return Packer.toBuffer(new Document({ title: reportTitle(r), sections: [{ children }] }));
}
