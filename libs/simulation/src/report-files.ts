import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { renderReportDocx } from './report-docx';
import { renderReportMarkdown } from './report-markdown';
import { renderReportSvgs } from './report-svg';
import type { SimulationReport } from './simulation-report';

/** Writes OUT.md (charts as OUT-charts/<id>.svg beside it), OUT.docx and OUT.json; returns their paths. */
export async function writeReportFiles(r: SimulationReport, out: string): Promise<string[]> {
  const charts = renderReportSvgs(r);
  const chartDir = `${out}-charts`;
  mkdirSync(chartDir, { recursive: true });
  for (const c of charts) writeFileSync(join(chartDir, `${c.id}.svg`), c.svg);
  mkdirSync(dirname(out) || '.', { recursive: true });
  writeFileSync(
    `${out}.md`,
    renderReportMarkdown(r, charts, (id) => `${basename(chartDir)}/${id}.svg`),
  );
  writeFileSync(`${out}.docx`, await renderReportDocx(r, charts));
  writeFileSync(`${out}.json`, `${JSON.stringify(r, null, 1)}\n`);
  return [`${out}.md`, `${out}.docx`, `${out}.json`, chartDir];
}

/** The Markdown with its charts inline (data: URIs), for a single download. */
export function reportMarkdownInline(r: SimulationReport): string {
  const charts = renderReportSvgs(r);
  const uri = new Map(charts.map((c) => [c.id, `data:image/svg+xml;base64,${Buffer.from(c.svg).toString('base64')}`]));
  return renderReportMarkdown(r, charts, (id) => uri.get(id)!);
}

export async function reportDocx(r: SimulationReport): Promise<Buffer> {
  return renderReportDocx(r, renderReportSvgs(r));
}
