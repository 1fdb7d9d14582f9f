import { ESCALATION_ACTION_LABELS, ESCALATION_ACTIONS } from '@hazards/domain/policy/escalation-action';
import { shanghaiDate, shanghaiDateBefore } from '@hazards/domain/time/shanghai-time';
import type { SimulationReport } from './simulation-report.types';

/** One table of the report: the same rows go into the Markdown and the .docx. */
export interface ReportTable {
  title: string;
  head: string[];
  rows: string[][];
}

export function reportTitle(r: SimulationReport): string {
  return `政策推演报告 / Policy what-if report: ${r.policyVersion}`;
}

export function reportSummary(r: SimulationReport): string[] {
  return [
    `辖区 / jurisdiction: ${r.jurisdiction}；期间 / period: ${shanghaiDate(r.from)} 至 / to ${shanghaiDateBefore(r.to)}（北京时间 / Asia/Shanghai）`,
    `推演策略 / proposed policy: ${r.policyVersion}；隐患 / hazards: ${r.hazards}；时间分辨率 / time resolution: ${r.resolutionMinutes} 分钟 / minutes`,
    `逾期隐患 / overdue hazards: 实际 / actual ${r.actual.overdue.count}，推演 / proposed ${r.proposed.overdue.count}`,
    `被拒绝而跳过的记录操作 / recorded actions refused and skipped: ${r.skipped.total}`,
  ];
}

export function reportTables(r: SimulationReport): ReportTable[] {
  const a = r.actual;
  const p = r.proposed;
  const stages = [...new Set([...Object.keys(a.escalationsByStage), ...Object.keys(p.escalationsByStage)])].sort(
    (x, y) => Number(x) - Number(y),
  );
  const kinds = [...new Set([...Object.keys(a.otherEscalations), ...Object.keys(p.otherEscalations)])].sort();
  const weeks = new Map<string, { week: string; department: string; actual: number; proposed: number }>();
  for (const [side, list] of [
    ['actual', a.reviewsDueByWeek],
    ['proposed', p.reviewsDueByWeek],
  ] as const) {
    for (const w of list) {
      const key = `${w.week}/${w.department}`;
      const row = weeks.get(key) ?? { week: w.week, department: w.department, actual: 0, proposed: 0 };
      row[side] += w.count;
      weeks.set(key, row);
    }
  }
  return [
    {
      title: '总体对比 / Overview',
      head: ['指标 / figure', '实际 / actual', '推演 / proposed'],
      rows: [
        ['逾期隐患数 / hazards overdue', String(a.overdue.count), String(p.overdue.count)],
        ['逾期总天数 / days overdue, total', String(a.overdue.totalDays), String(p.overdue.totalDays)],
        ['逾期天数中位数 / days overdue, median', String(a.overdue.medianDays), String(p.overdue.medianDays)],
        ['最长逾期天数 / days overdue, longest', String(a.overdue.maxDays), String(p.overdue.maxDays)],
        ['期末仍未销号 / still open at the end', String(a.stillOpen), String(p.stillOpen)],
        ...ESCALATION_ACTIONS.map((x) => [
          `${ESCALATION_ACTION_LABELS[x].zh} / ${ESCALATION_ACTION_LABELS[x].en}`,
          String(a.documents[x]),
          String(p.documents[x]),
        ]),
      ],
    },
    {
      title: '逾期升级（按级） / Escalations by stage',
      head: ['级 / stage', '实际 / actual', '推演 / proposed'],
      rows: [
        ...stages.map((s) => [`第${s}级 / stage ${s}`, String(a.escalationsByStage[s] ?? 0), String(p.escalationsByStage[s] ?? 0)]),
        ...kinds.map((k) => [k, String(a.otherEscalations[k] ?? 0), String(p.otherEscalations[k] ?? 0)]),
      ],
    },
    {
      title: '各地区 / By region',
      head: [
        '地区 / region',
        '隐患 / hazards',
        '逾期 实际 / overdue actual',
        '逾期 推演 / overdue proposed',
        '升级 实际 / escalations actual',
        '升级 推演 / escalations proposed',
      ],
      rows: r.byRegion.map((x) => [
        x.region,
        String(x.hazards),
        String(x.actualOverdue),
        String(x.proposedOverdue),
        String(x.actualEscalations),
        String(x.proposedEscalations),
      ]),
    },
    {
      title: '各部门每周到期复核 / Reviews due per week and department',
      head: ['周（周一） / week (Monday)', '部门 / department', '实际 / actual', '推演 / proposed'],
      rows: [...weeks.values()]
        .sort((x, y) => x.week.localeCompare(y.week) || x.department.localeCompare(y.department))
        .map((w) => [w.week, w.department, String(w.actual), String(w.proposed)]),
    },
    {
      title: '跳过的记录操作 / Recorded actions skipped under the proposed policy',
      head: ['步骤 / step', '原因代码 / code', '次数 / count', '原因 / reason'],
      rows: r.skipped.byReason.map((s) => [s.step, s.code, String(s.count), s.message]),
    },
  ];
}
