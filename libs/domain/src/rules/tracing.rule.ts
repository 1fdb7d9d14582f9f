import type { Policy } from '../policy/policy.schema';

/**
 * 责任倒查: repeated failure (rejected reviews, or long overdue after repeated supervision) names
 * the responsible people at the enterprise and at the supervising department. It runs once.
 */
export function tracingDueByRejections(policy: Policy, rejectionCount: number, alreadyTraced: boolean): boolean {
  return !alreadyTraced && rejectionCount >= policy.accountability.tracing.afterRejections;
}

/** 从重追究: an accident linked while the hazard was known and not yet closed. */
export function accidentIsHeavier(policy: Policy, status: string): boolean {
  const rule = policy.accountability.accidentDuringRectification;
  return rule.heavier && (rule.statuses as string[]).includes(status);
}
