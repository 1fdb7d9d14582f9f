import type { HazardStatus } from '../hazard/hazard-status';
import type { Policy } from '../policy/policy.schema';

/**
 * 责任倒查: repeated failure (rejected reviews, or long overdue after repeated supervision) names
 * the responsible people at the enterprise and at the supervising department. It runs once.
 */
export function tracingDueByRejections(policy: Policy, rejectionCount: number, alreadyTraced: boolean): boolean {
  return !alreadyTraced && rejectionCount >= policy.accountability.tracing.afterRejections;
}

/** 从重追究: an accident while the hazard was in one of the policy's states (known and not yet closed). */
export function accidentIsHeavier(policy: Policy, status: string | null): boolean {
  const rule = policy.accountability.accidentDuringRectification;
  return status !== null && rule.heavier && (rule.statuses as string[]).includes(status);
}

/**
 * The hazard's status at an instant, from its timeline (each step's time and the status it left):
 * null before the hazard was reported. Decides 从重 by when the accident happened, not when it was linked.
 */
export function statusAt(timeline: readonly { at: string; toStatus: HazardStatus }[], instant: string): HazardStatus | null {
  const t = Date.parse(instant);
  let status: HazardStatus | null = null;
  for (const e of timeline) {
    if (Date.parse(e.at) > t) break;
    status = e.toStatus;
  }
  return status;
}
