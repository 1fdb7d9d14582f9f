import type { SimulationReport } from './simulation-report.types';

/**
 * The report's charts as ECharts options: one builder per chart, shared by the server (SVG for the
 * Markdown and .docx) and the console (canvas), so both draw the same figures. Pure data, no I/O.
 */
export interface ReportChart {
  id: string;
  title: string;
  option: Record<string, unknown>;
}

const ACTUAL = '实际 / actual';
const PROPOSED = '推演 / proposed';
const ACTION_LABELS: Record<string, string> = {
  supervision_letter: '督办函 / letters',
  interview: '约谈 / interviews',
  public_criticism: '通报批评 / criticisms',
  relist_up: '升级挂牌 / relistings',
  stoppage_recommendation: '停产整顿建议 / stoppages',
};

const bars = (title: string, categories: string[], actual: number[], proposed: number[]) => ({
  title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
  legend: { bottom: 0 },
  grid: { left: 48, right: 16, top: 40, bottom: 56 },
  tooltip: { trigger: 'axis' },
  xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, fontSize: 10 } },
  yAxis: { type: 'value', minInterval: 1 },
  series: [
    { name: ACTUAL, type: 'bar', data: actual, itemStyle: { color: '#8c8c8c' } },
    { name: PROPOSED, type: 'bar', data: proposed, itemStyle: { color: '#c0392b' } },
  ],
});

export function reportCharts(r: SimulationReport): ReportChart[] {
  const stages = [...new Set([...Object.keys(r.actual.escalationsByStage), ...Object.keys(r.proposed.escalationsByStage)])].sort(
    (a, b) => Number(a) - Number(b),
  );
  const actions = Object.keys(ACTION_LABELS);
  const weeks = [...new Set([...r.actual.reviewsDueByWeek, ...r.proposed.reviewsDueByWeek].map((w) => w.week))].sort();
  const perWeek = (side: SimulationReport['actual']) =>
    weeks.map((w) => side.reviewsDueByWeek.filter((x) => x.week === w).reduce((n, x) => n + x.count, 0));
  return [
    {
      id: 'overdue',
      title: '逾期隐患 / overdue hazards',
      option: bars(
        '逾期隐患 / overdue hazards',
        ['逾期数 / overdue', '仍未销号 / still open'],
        [r.actual.overdue.count, r.actual.stillOpen],
        [r.proposed.overdue.count, r.proposed.stillOpen],
      ),
    },
    {
      id: 'stages',
      title: '各级升级次数 / escalations by stage',
      option: bars(
        '各级升级次数 / escalations by stage',
        stages.map((s) => `第${s}级 / stage ${s}`),
        stages.map((s) => r.actual.escalationsByStage[s] ?? 0),
        stages.map((s) => r.proposed.escalationsByStage[s] ?? 0),
      ),
    },
    {
      id: 'documents',
      title: '督办函、约谈、通报批评 / letters, interviews, criticisms',
      option: bars(
        '督办函、约谈、通报批评 / letters, interviews, criticisms',
        actions.map((a) => ACTION_LABELS[a]),
        actions.map((a) => r.actual.documents[a as keyof typeof r.actual.documents] ?? 0),
        actions.map((a) => r.proposed.documents[a as keyof typeof r.proposed.documents] ?? 0),
      ),
    },
    {
      id: 'reviews',
      title: '每周到期复核 / reviews due per week',
      option: {
        ...bars('每周到期复核 / reviews due per week', weeks, perWeek(r.actual), perWeek(r.proposed)),
        series: [
          { name: ACTUAL, type: 'line', data: perWeek(r.actual), itemStyle: { color: '#8c8c8c' } },
          { name: PROPOSED, type: 'line', data: perWeek(r.proposed), itemStyle: { color: '#c0392b' } },
        ],
      },
    },
    {
      id: 'regions',
      title: '各地区逾期 / overdue by region',
      option: bars(
        '各地区逾期 / overdue by region',
        r.byRegion.map((x) => x.region),
        r.byRegion.map((x) => x.actualOverdue),
        r.byRegion.map((x) => x.proposedOverdue),
      ),
    },
  ];
}
