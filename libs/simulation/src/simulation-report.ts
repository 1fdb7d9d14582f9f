import { ESCALATION_ACTIONS, type EscalationAction } from '@hazards/domain/policy/escalation-action';
import { shanghaiDate } from '@hazards/domain/time/shanghai-time';
import type { RecordedHazard, RecordedStep } from './recorded-hazard';
import type { RegionFigures, SideFigures, SimulationReport, SkippedAction } from './simulation-report.types';
import type { SimulatedHazard } from './simulation-recorder';

const DAY_MS = 86_400_000;

export type { RegionFigures, SideFigures, SimulationReport } from './simulation-report.types';

interface Outcome {
  steps: RecordedStep[];
  rectificationDeadline: string | null;
  closedAt: string | null;
  status: string;
}

/** Monday of the instant's week in Asia/Shanghai, as YYYY-MM-DD. */
export function weekOf(iso: string): string {
  const day = new Date(`${shanghaiDate(iso)}T00:00:00Z`);
  const dow = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - dow * DAY_MS).toISOString().slice(0, 10);
}

/** Days past the deadline at closing, or at the period's end for a hazard still open then; 0 if on time. */
export function overdueDays(o: Outcome, to: number): number {
  if (!o.rectificationDeadline || o.status === 'withdrawn') return 0;
  const closed = o.closedAt && Date.parse(o.closedAt) < to ? Date.parse(o.closedAt) : to;
  return Math.max(0, (closed - Date.parse(o.rectificationDeadline)) / DAY_MS);
}

const ladderEscalations = (o: Outcome, to: number) =>
  o.steps.filter((s) => s.step === 'escalation' && Date.parse(s.at) < to && typeof s.data.stage === 'number');

function sideFigures(outcomes: { hazard: RecordedHazard; o: Outcome }[], to: number): SideFigures {
  const overdue = outcomes
    .map(({ o }) => overdueDays(o, to))
    .filter((d) => d > 0)
    .sort((a, b) => a - b);
  const byStage: Record<string, number> = {};
  const documents = Object.fromEntries(ESCALATION_ACTIONS.map((a) => [a, 0])) as Record<EscalationAction, number>;
  const other: Record<string, number> = {};
  const reviews = new Map<string, number>();
  let stillOpen = 0;
  for (const { hazard, o } of outcomes) {
    for (const s of o.steps) {
      if (Date.parse(s.at) >= to) continue;
      if (s.step === 'escalation' && typeof s.data.stage === 'number') {
        byStage[String(s.data.stage)] = (byStage[String(s.data.stage)] ?? 0) + 1;
        const action = s.data.action as EscalationAction;
        if (action in documents) documents[action] += 1;
      } else if (s.step === 'escalation' && typeof s.data.kind === 'string') {
        other[s.data.kind] = (other[s.data.kind] ?? 0) + 1;
      } else if (s.step === 'completion.submitted' && typeof s.data.reviewDue === 'string') {
        const key = `${weekOf(s.data.reviewDue)}\u0000${hazard.leadDepartment ?? '镇街安监 / township'}`;
        reviews.set(key, (reviews.get(key) ?? 0) + 1);
      }
    }
    if (!(o.closedAt && Date.parse(o.closedAt) < to) && o.status !== 'withdrawn') stillOpen += 1;
  }
  const round1 = (n: number) => Math.round(n * 10) / 10;
  return {
    overdue: {
      count: overdue.length,
      totalDays: round1(overdue.reduce((a, b) => a + b, 0)),
      medianDays: round1(overdue.length ? overdue[Math.floor((overdue.length - 1) / 2)] : 0),
      maxDays: round1(overdue.length ? overdue[overdue.length - 1] : 0),
    },
    escalationsByStage: byStage,
    documents,
    otherEscalations: other,
    reviewsDueByWeek: [...reviews.entries()]
      .map(([k, count]) => ({ week: k.split('\u0000')[0], department: k.split('\u0000')[1], count }))
      .sort((a, b) => a.week.localeCompare(b.week) || a.department.localeCompare(b.department)),
    stillOpen,
  };
}

/** The region a hazard counts under: the jurisdiction's child on its path (the jurisdiction itself at a leaf). */
export function regionOf(path: string[], jurisdiction: string): string {
  const i = path.indexOf(jurisdiction);
  return path[i + 1] ?? jurisdiction;
}

/** Compares what happened (history) with what the proposed policy would have made of the same actions. */
export function buildSimulationReport(input: {
  jurisdiction: string;
  from: string;
  to: string;
  policyVersion: string;
  resolutionMinutes: number;
  hazards: RecordedHazard[];
  simulated: Map<string, SimulatedHazard>;
  skipped: SkippedAction[];
}): SimulationReport {
  const to = Date.parse(input.to);
  const inPeriod = input.hazards.filter((h) => input.simulated.has(h.hazardId));
  const actual = inPeriod.map((hazard) => ({ hazard, o: hazard.actual as Outcome }));
  const proposed = inPeriod.map((hazard) => ({ hazard, o: input.simulated.get(hazard.hazardId)! as Outcome }));
  const regions = new Map<string, RegionFigures>();
  inPeriod.forEach((h, i) => {
    const key = regionOf(h.jurisdictionPath, input.jurisdiction);
    const r = regions.get(key) ?? {
      region: key,
      hazards: 0,
      actualOverdue: 0,
      proposedOverdue: 0,
      actualEscalations: 0,
      proposedEscalations: 0,
    };
    r.hazards += 1;
    if (overdueDays(actual[i].o, to) > 0) r.actualOverdue += 1;
    if (overdueDays(proposed[i].o, to) > 0) r.proposedOverdue += 1;
    r.actualEscalations += ladderEscalations(actual[i].o, to).length;
    r.proposedEscalations += ladderEscalations(proposed[i].o, to).length;
    regions.set(key, r);
  });
  const reasons = new Map<string, { step: string; code: string; message: string; count: number }>();
  for (const s of input.skipped) {
    const key = `${s.step}/${s.code}`;
    const r = reasons.get(key) ?? { step: s.step, code: s.code, message: s.message, count: 0 };
    r.count += 1;
    reasons.set(key, r);
  }
  return {
    jurisdiction: input.jurisdiction,
    from: input.from,
    to: input.to,
    policyVersion: input.policyVersion,
    resolutionMinutes: input.resolutionMinutes,
    hazards: inPeriod.length,
    actual: sideFigures(actual, to),
    proposed: sideFigures(proposed, to),
    byRegion: [...regions.values()].sort((a, b) => a.region.localeCompare(b.region)),
    skipped: {
      total: input.skipped.length,
      byReason: [...reasons.values()].sort((a, b) => b.count - a.count),
      examples: input.skipped.slice(0, 50),
    },
  };
}
