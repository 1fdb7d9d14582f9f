import type { DomainEventDraft } from '@hazards/events/domain-event';
import { rectificationSchedule } from '@hazards/domain/rules/deadline-schedule.rule';
import { levelAbove } from '@hazards/domain/rules/listing-ladder.rule';
import type { DecideExtensionInput, RequestExtensionInput, UpdateResult } from '../../hazard-lifecycle.types';
import { escalate } from '../accountability';
import { explanationInputs, iso, type LifecycleContext } from '../context';
import { PATCHES } from '../patches';

/** 申请延期: the regulator must decide within the policy's window, or the level above is told. */
export async function requestExtension(ctx: LifecycleContext, i: RequestExtensionInput): Promise<UpdateResult> {
  const { s, policy } = ctx;
  const now = ctx.now();
  // Each request gets its own decision alarm; an earlier request's, decided in time, must never fire.
  const perRequest = ctx.patched(PATCHES.extensionAlarmPerRequest);
  if (perRequest) ctx.dropAlarms(['extension_decision_due']);
  s.extensions.push({
    requestedAt: iso(now),
    requestedBy: i.actor.userId,
    workingDays: i.workingDays,
    reason: i.reason,
    decision: null,
    decidedAt: null,
    decidedBy: null,
    decisionReason: null,
    approvedWorkingDays: null,
    previousDeadline: s.deadlines.rectification,
    newDeadline: null,
  });
  const [decisionDue] = await ctx.shift(iso(now), [policy.extension.decisionWindowWorkingDays]);
  s.deadlines.extensionDecisionDue = decisionDue;
  ctx.addAlarm(
    perRequest
      ? { kind: 'extension_decision_due', at: decisionDue, extension: s.extensions.length - 1 }
      : { kind: 'extension_decision_due', at: decisionDue },
  );
  const payload = { workingDays: i.workingDays, reason: i.reason, rectificationDeadline: s.deadlines.rectification, decisionDue };
  return ctx.record(
    'extension.requested',
    i.actor,
    s.status,
    { ...payload, ...explanationInputs(ctx, { countedFrom: iso(now) }) },
    [{ type: 'hazard.extension_requested', payload }],
    i.reason,
  );
}

/** 审批延期: an approval moves the deadline and every timer hanging on it; repeated extension escalates. */
export async function decideExtension(ctx: LifecycleContext, i: DecideExtensionInput): Promise<UpdateResult> {
  const { s, policy } = ctx;
  const now = ctx.now();
  const ext = s.extensions.find((e) => e.decision === null)!;
  ext.decision = i.decision;
  ext.decidedAt = iso(now);
  ext.decidedBy = i.actor.userId;
  ext.decisionReason = i.reason ?? null;
  s.deadlines.extensionDecisionDue = null;
  if (ctx.patched(PATCHES.extensionAlarmPerRequest)) ctx.dropAlarms(['extension_decision_due']);
  const events: DomainEventDraft[] = [];
  if (i.decision === 'approve') {
    const days = i.workingDays ?? ext.workingDays;
    ext.approvedWorkingDays = days;
    const previous = s.deadlines.rectification!;
    await ctx.schedule(previous, rectificationSchedule(policy, { grade: s.grade!, rectificationWorkingDays: days }));
    ext.newDeadline = s.deadlines.rectification;
  }
  const approved = s.extensions.filter((e) => e.decision === 'approve').length;
  const payload = {
    decision: i.decision,
    reason: i.reason ?? null,
    approvedWorkingDays: ext.approvedWorkingDays,
    previousDeadline: ext.previousDeadline,
    newDeadline: ext.newDeadline,
    extensionCount: approved,
  };
  events.push({ type: 'hazard.extension_decided', payload });
  if (i.decision === 'approve' && approved === policy.extension.escalateAtCount) {
    // Repeated extension is itself an escalation (domain rule 6).
    events.push(
      escalate(
        s,
        {
          kind: 'repeated_extension',
          escalatedTo: s.listing ? levelAbove(s.listing.level) : 'county',
          detail: { extensionCount: approved },
        },
        iso(ctx.now()),
      ),
    );
  }
  return ctx.record(i.decision === 'approve' ? 'extension.approved' : 'extension.refused', i.actor, s.status, payload, events, i.reason);
}
