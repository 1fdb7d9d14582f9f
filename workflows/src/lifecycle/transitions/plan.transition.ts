import type { DomainEventDraft } from '@hazards/events/domain-event';
import type { DecidePlanInput, SubmitPlanInput, UpdateResult } from '../../hazard-lifecycle.types';
import { iso, type LifecycleContext } from '../context';
import { openDecisionWindow } from '../decision-window';

/** 提交治理方案: the six-part plan; a plan that declares a production stop records the stop too. */
export async function submitPlan(ctx: LifecycleContext, i: SubmitPlanInput): Promise<UpdateResult> {
  const s = ctx.s;
  const from = s.status;
  const now = iso(ctx.now());
  const { actor, ...plan } = i;
  s.plan = { ...plan, submittedAt: now, submittedBy: actor.userId };
  s.status = 'plan_submitted';
  const events: DomainEventDraft[] = [
    { type: 'hazard.plan_submitted', payload: { productionStopped: i.productionStopped, planDue: s.deadlines.planDue } },
  ];
  if (i.productionStopped && !s.production.stopped) {
    // 一时不能整改到位的，必须立即停产: the plan declares the stop, which is recorded as such.
    s.production = {
      stopped: true,
      scope: i.stopScope ?? null,
      changes: [
        ...s.production.changes,
        { action: 'ordered', scope: i.stopScope ?? null, at: now, by: actor.userId, reason: '治理方案声明停产 / declared in the plan' },
      ],
    };
    events.push({
      type: 'hazard.production_stop_changed',
      payload: { action: 'ordered', scope: i.stopScope ?? null, declaredBy: 'enterprise' },
    });
  }
  // The listing level owes the decision on the plan (方案审核) within the policy's deadline.
  if (s.listing) await openDecisionWindow(ctx, 'planDecision', s.listing.level);
  return ctx.record('plan.submitted', actor, from, { ...plan }, events);
}

/** 审核方案: approval starts rectification; a returned plan goes back to the enterprise. */
export async function decidePlan(ctx: LifecycleContext, i: DecidePlanInput): Promise<UpdateResult> {
  const s = ctx.s;
  const from = s.status;
  s.planDecisions.push({ decision: i.decision, reason: i.reason ?? null, at: iso(ctx.now()), by: i.actor.userId });
  s.status = i.decision === 'approve' ? 'rectifying' : 'listed';
  const payload = { decision: i.decision, reason: i.reason ?? null, rectificationDeadline: s.deadlines.rectification };
  return ctx.record(
    i.decision === 'approve' ? 'plan.approved' : 'plan.returned',
    i.actor,
    from,
    payload,
    [{ type: 'hazard.plan_decided', payload }],
    i.reason,
  );
}
