import type { DomainEventDraft } from '../../../../libs/events/src/domain-event';
import { checkArt113 } from '../../../../libs/domain/src/rules/art113.rule';
import { accidentIsHeavier } from '../../../../libs/domain/src/rules/tracing.rule';
import type { LinkAccidentInput, ProductionStopInput, RecordPenaltyInput, UpdateResult, WithdrawInput } from '../../hazard-lifecycle.types';
import { trace } from '../accountability';
import { iso, type LifecycleContext } from '../context';

/** 撤销: a duplicate or false report ends here, with its reason; it is never deleted. */
export async function withdraw(ctx: LifecycleContext, i: WithdrawInput): Promise<UpdateResult> {
  const s = ctx.s;
  const from = s.status;
  s.withdrawal = { kind: i.kind, reason: i.reason, duplicateOf: i.duplicateOf ?? null, at: iso(ctx.now()), by: i.actor.userId };
  s.status = 'withdrawn';
  const payload = { kind: i.kind, reason: i.reason, duplicateOf: i.duplicateOf ?? null };
  return ctx.record('withdrawn', i.actor, from, payload, [{ type: 'hazard.withdrawn', payload }], i.reason);
}

/** 停产撤人 ordered, or production resumed (复产). */
export async function recordProductionStop(ctx: LifecycleContext, i: ProductionStopInput): Promise<UpdateResult> {
  const s = ctx.s;
  const scope = i.scope ?? null;
  s.production = {
    stopped: i.action === 'ordered',
    scope: i.action === 'ordered' ? scope : null,
    changes: [...s.production.changes, { action: i.action, scope, at: iso(ctx.now()), by: i.actor.userId, reason: i.reason ?? null }],
  };
  const payload = { action: i.action, scope, reason: i.reason ?? null, by: i.actor.role };
  return ctx.record(i.action === 'ordered' ? 'production.stopped' : 'production.resumed', i.actor, s.status, payload, [{ type: 'hazard.production_stop_changed', payload }], i.reason);
}

/** 关联事故: 隐患整治期间发生事故的，从重追究 (heavier accountability for region, department and enterprise). */
export async function linkAccident(ctx: LifecycleContext, i: LinkAccidentInput): Promise<UpdateResult> {
  const { s, policy } = ctx;
  const heavier = accidentIsHeavier(policy, s.status);
  const { actor, ...accident } = i;
  s.accidents.push({ ...accident, linkedAt: iso(ctx.now()), heavier });
  const events: DomainEventDraft[] = [{ type: 'hazard.accident_linked', payload: { ...accident, heavier, statusAtAccident: s.status } }];
  if (heavier) {
    s.heavierAccountability = true;
    events.push(trace(s, 'accident_during_rectification', iso(ctx.now()), { accidentId: i.accidentId }));
  }
  return ctx.record('accident.linked', actor, s.status, { ...accident, heavier }, events);
}

/** 行政处罚; Safety Law art 113: repeated penalties on a major hazard → a proposal to close the business. */
export async function recordPenalty(ctx: LifecycleContext, i: RecordPenaltyInput): Promise<UpdateResult> {
  const { s, policy } = ctx;
  const now = ctx.now();
  const { actor, ...penalty } = i;
  const decidedAt = i.decidedAt ?? iso(now);
  s.penalties.push({ ...penalty, decidedAt, recordedAt: iso(now) });
  const events: DomainEventDraft[] = [{ type: 'hazard.penalty_recorded', payload: { ...penalty, decidedAt } }];
  const art113 = checkArt113(policy, s.grade, s.penalties.map((p) => p.decidedAt), now);
  if (art113.triggered && s.closureRecommendedAt === null) {
    s.closureRecommendedAt = iso(now);
    events.push({ type: 'closure.recommended', payload: { law: '《安全生产法》第一百一十三条 / Safety Law art 113', threshold: art113.threshold, penalties: art113.counted, enterpriseId: s.enterpriseId } });
  }
  return ctx.record('penalty.recorded', actor, s.status, { ...penalty, decidedAt, closureRecommended: art113.triggered }, events);
}
