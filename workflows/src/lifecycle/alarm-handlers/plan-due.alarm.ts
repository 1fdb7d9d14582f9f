import { SYSTEM_ACTOR } from '@hazards/domain/hazard/actor';
import type { Alarm } from '../../hazard-lifecycle.types';
import { escalate } from '../accountability';
import { explanationInputs, iso, type LifecycleContext } from '../context';

/** 治理方案逾期: the plan was not submitted by its due date; the listing level is told. */
export async function onPlanDue(ctx: LifecycleContext, a: Extract<Alarm, { kind: 'plan_due' }>): Promise<void> {
  const s = ctx.s;
  const ev = escalate(s, { kind: 'plan_overdue', escalatedTo: s.listing?.level, detail: { planDue: s.deadlines.planDue } }, iso(ctx.now()));
  await ctx.record(
    'escalation',
    SYSTEM_ACTOR,
    s.status,
    { kind: 'plan_overdue', ...explanationInputs(ctx, { alarmAt: a.at }) },
    [ev],
    '治理方案逾期未提交 / plan overdue',
  );
}
