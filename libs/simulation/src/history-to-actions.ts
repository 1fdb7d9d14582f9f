import type { Actor } from '@hazards/domain/hazard/actor';
import type { RecordedAction, RecordedStep, ReplayedUpdate } from './recorded-hazard';

/** A history row as the read model keeps it (hazard_history), in seq order. */
export interface HistoryRow {
  seq: number;
  step: string;
  at: string;
  actor: Actor;
  reason: string | null;
  data: Record<string, unknown>;
}

const pick = (data: Record<string, unknown>, keys: string[]): Record<string, unknown> =>
  Object.fromEntries(keys.filter((k) => data[k] !== undefined && data[k] !== null).map((k) => [k, data[k]]));

/**
 * Each user step's update and how its input is rebuilt from the step's recorded data. The data is
 * what the transition recorded (workflows/src/lifecycle/transitions), so the keys here follow them.
 */
const REPLAYED: Record<
  string,
  { update: ReplayedUpdate; input: (d: Record<string, unknown>, reason: string | null) => Record<string, unknown> }
> = {
  graded: { update: 'grade', input: (d) => pick(d, ['grade', 'accidentType', 'industry', 'criterion', 'generalMode', 'cause']) },
  listed: {
    update: 'list',
    input: (d) => pick(d, ['level', 'authority', 'leadDepartment', 'publishedAt', 'orderNumber', 'deadlineWorkingDays']),
  },
  'plan.submitted': { update: 'submitPlan', input: (d) => pick(d, ['plan', 'interimMeasures', 'productionStopped', 'stopScope']) },
  'plan.approved': { update: 'decidePlan', input: (d) => ({ decision: 'approve', ...pick(d, ['reason']) }) },
  'plan.returned': { update: 'decidePlan', input: (d) => ({ decision: 'return', ...pick(d, ['reason']) }) },
  'extension.requested': { update: 'requestExtension', input: (d, r) => ({ workingDays: d.workingDays, reason: d.reason ?? r }) },
  'extension.approved': {
    update: 'decideExtension',
    input: (d) => ({
      decision: 'approve',
      ...pick(d, ['reason']),
      ...(d.approvedWorkingDays ? { workingDays: d.approvedWorkingDays } : {}),
    }),
  },
  'extension.refused': { update: 'decideExtension', input: (d, r) => ({ decision: 'refuse', reason: d.reason ?? r }) },
  'completion.submitted': { update: 'submitCompletion', input: (d) => pick(d, ['evidenceFileIds', 'assessment', 'summary']) },
  // The level is left out: after a relisting under the proposed policy the current level may differ.
  'review.passed': { update: 'review', input: (d) => ({ result: 'pass', ...pick(d, ['reason', 'onSiteAt']) }) },
  closed: { update: 'review', input: (d) => ({ result: 'pass', ...pick(d, ['reason', 'onSiteAt']) }) },
  'review.rejected': { update: 'review', input: (d, r) => ({ result: 'reject', reason: d.reason ?? r }) },
  withdrawn: { update: 'withdraw', input: (d) => pick(d, ['kind', 'reason', 'duplicateOf']) },
  'production.stopped': { update: 'recordProductionStop', input: (d) => ({ action: 'ordered', ...pick(d, ['scope', 'reason']) }) },
  'production.resumed': { update: 'recordProductionStop', input: (d) => ({ action: 'lifted', ...pick(d, ['scope', 'reason']) }) },
  'accident.linked': { update: 'linkAccident', input: (d) => pick(d, ['accidentId', 'occurredAt', 'description', 'casualties']) },
  // 公布公告: the recorded notice's id is the real one; the engine publishes the simulated notice of the same kind.
  'notice.published': {
    update: 'publishNotice',
    input: (d) => ({ ...pick(d, ['documentId', 'publishedAt']), noticeKind: d.kind }),
  },
  'penalty.recorded': { update: 'recordPenalty', input: (d) => pick(d, ['lawArticle', 'amountYuan', 'decisionNumber', 'decidedAt']) },
};

/** The user actions to replay, in recorded order; the report step itself starts the workflow. */
export function historyToActions(rows: HistoryRow[]): RecordedAction[] {
  return rows
    .filter((r) => r.seq > 1 && REPLAYED[r.step] && r.actor.role !== 'system')
    .map((r) => ({
      seq: r.seq,
      step: r.step,
      update: REPLAYED[r.step].update,
      at: r.at,
      input: { ...REPLAYED[r.step].input(r.data, r.reason), actor: r.actor },
    }));
}

/** The steps the engine took by itself (escalations, reminders, tracing): the "actual" side of the report. */
export function historyToSystemSteps(rows: HistoryRow[]): RecordedStep[] {
  return rows.filter((r) => !REPLAYED[r.step] && r.step !== 'reported').map((r) => ({ seq: r.seq, step: r.step, at: r.at, data: r.data }));
}

/** The lead department (牵头部门) of the listing, if the hazard was listed. */
export function leadDepartmentOf(rows: HistoryRow[]): string | null {
  const listed = rows.find((r) => r.step === 'listed');
  return listed && typeof listed.data.leadDepartment === 'string' ? listed.data.leadDepartment : null;
}
