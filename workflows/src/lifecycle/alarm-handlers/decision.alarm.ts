import { SYSTEM_ACTOR } from '@hazards/domain/hazard/actor';
import { levelAbove } from '@hazards/domain/rules/listing-ladder.rule';
import type { Alarm, EscalationRecord } from '../../hazard-lifecycle.types';
import { escalate } from '../accountability';
import { explanationInputs, iso, type LifecycleContext } from '../context';

const LABELS = {
  grading: { deadline: 'grading', kind: 'grading_overdue', zh: '隐患逾期未定级', en: 'grading overdue' },
  listing: { deadline: 'listing', kind: 'listing_overdue', zh: '重大隐患逾期未挂牌督办', en: 'listing overdue' },
  planDecision: { deadline: 'plan_decision', kind: 'plan_decision_overdue', zh: '治理方案逾期未审核', en: 'plan decision overdue' },
} as const satisfies Record<string, { deadline: string; kind: EscalationRecord['kind']; zh: string; en: string }>;

/** A decision the regulator owes is near its deadline: reminded to the level that owes it. */
export async function onDecisionReminder(ctx: LifecycleContext, a: Extract<Alarm, { kind: 'decision_reminder' }>): Promise<void> {
  const s = ctx.s;
  const dueAt = s.deadlines.decisionDue ?? null;
  if (dueAt === null || Date.parse(dueAt) <= ctx.now()) return;
  const payload = {
    deadline: LABELS[a.decision].deadline,
    dueAt,
    daysBefore: a.daysBefore,
    level: a.owedBy,
    enterpriseId: s.enterpriseId,
    jurisdictionPath: s.jurisdictionPath,
  };
  await ctx.record(
    'reminder',
    SYSTEM_ACTOR,
    s.status,
    { ...payload, ...explanationInputs(ctx, { alarmAt: a.at, ...(a.from ? { countedFrom: a.from } : {}) }) },
    [{ type: 'reminder.due', payload }],
  );
}

/** The decision was not made in time: escalated to the level above the one that owes it. */
export async function onDecisionDue(ctx: LifecycleContext, a: Extract<Alarm, { kind: 'decision_due' }>): Promise<void> {
  const s = ctx.s;
  const l = LABELS[a.decision];
  const to = levelAbove(a.owedBy);
  const ev = escalate(s, { kind: l.kind, escalatedTo: to, detail: { level: a.owedBy, dueAt: a.at } }, iso(ctx.now()));
  await ctx.record(
    'escalation',
    SYSTEM_ACTOR,
    s.status,
    {
      kind: l.kind,
      level: a.owedBy,
      escalatedTo: to,
      ...explanationInputs(ctx, { alarmAt: a.at, ...(a.from ? { countedFrom: a.from } : {}) }),
    },
    [ev],
    `${l.zh}，提级至${to} / ${l.en}, escalated to ${to}`,
  );
}
