import type { DomainEventDraft } from '@hazards/events/domain-event';
import type { EscalationRecord, HazardState, TracingTrigger } from '../hazard-lifecycle.types';

/** Appends an escalation to the record and returns its event (`escalation.raised`). */
export function escalate(s: HazardState, e: Omit<EscalationRecord, 'at'>, at: string): DomainEventDraft {
  const record: EscalationRecord = { ...e, at };
  s.escalations.push(record);
  return { type: 'escalation.raised', payload: { ...record } };
}

/** 责任倒查: names the enterprise's and the supervising department's responsibility; returns its event. */
export function trace(s: HazardState, trigger: TracingTrigger, at: string, extra: Record<string, unknown> = {}): DomainEventDraft {
  const detail = {
    trigger,
    ...extra,
    rejectionCount: s.rejectionCount,
    escalationStage: s.escalationStage,
    rectificationDeadline: s.deadlines.rectification,
    heavier: s.heavierAccountability,
    enterprise: {
      enterpriseId: s.enterpriseId,
      responsible: '主要负责人 (principal person in charge)',
      planResponsible: s.plan?.plan.responsibleBodyAndPeople ?? null,
    },
    supervisingDepartment: {
      authority: s.listing?.authority ?? null,
      leadDepartment: s.listing?.leadDepartment ?? null,
      listingLevel: s.listing?.level ?? null,
      jurisdictionPath: s.jurisdictionPath,
      rejectedBy: s.reviews.filter((r) => r.result === 'reject').map((r) => ({ level: r.level, by: r.by, at: r.at })),
    },
  };
  s.tracing = { at, trigger, detail };
  return { type: 'accountability.traced', payload: detail };
}
