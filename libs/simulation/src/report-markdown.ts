import type { SimulationReport } from './simulation-report';
import { reportSummary, reportTables, reportTitle } from './report-tables';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * The report as Markdown. `chartRef` says where each chart's SVG is: a file written beside the
 * Markdown (CLI) or a data: URI (API), so the Markdown stands alone either way.
 */
export function renderReportMarkdown(
  r: SimulationReport,
  charts: { id: string; title: string }[],
  chartRef: (id: string) => string,
): string {
  const out: string[] = [`# ${reportTitle(r)}`, '', ...reportSummary(r).map((l) => `- ${l}`), ''];
  for (const c of charts) out.push(`![${c.title}](${chartRef(c.id)})`, '');
  for (const t of reportTables(r)) {
    out.push(`## ${t.title}`, '');
    if (t.rows.length === 0) {
      out.push('（无 / none）', '');
      continue;
    }
    out.push(
      `| ${t.head.map(cell).join(' | ')} |`,
      `|${t.head.map(() => ' --- ').join('|')}|`,
      ...t.rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
      '',
    );
  }
  out.push(
    '> 推演以生产工作流代码在隔离的时间跳跃测试服务器上重放记录的操作；活动在内存中执行，不写生产数据库。',
    '> Replayed with the production workflow code on an isolated time-skipping test server; activities run in memory and never write the production database.',
    '',
  );
  return out.join('\n');
}
