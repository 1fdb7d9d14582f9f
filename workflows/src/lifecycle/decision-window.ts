import type { ListingLevel } from '@hazards/domain/hazard/vocabulary';
import type { OwedDecision } from '../hazard-lifecycle.types';
import { iso, type LifecycleContext } from './context';
import { PATCHES } from './patches';

/**
 * Nothing waits forever: opens the deadline of a decision the regulator now owes (grading after
 * the report, listing after a major grade, the decision on a submitted plan), with its reminders.
 * Only under a policy that sets these deadlines (default-v2 on), and for hazards past the patch.
 */
export async function openDecisionWindow(ctx: LifecycleContext, decision: OwedDecision, owedBy: ListingLevel): Promise<void> {
  const rule = ctx.policy.decisions?.[decision];
  if (!rule || !ctx.patched(PATCHES.decisionDeadlines)) return;
  const s = ctx.s;
  const now = ctx.now();
  const round = s.planDecisions.length + 1;
  const from = iso(now);
  const [dueAt, ...reminders] = await ctx.shift(from, [rule.dueWorkingDays, ...rule.reminders.map((r) => rule.dueWorkingDays - r)]);
  s.deadlines.decisionDue = dueAt;
  reminders.forEach((at, i) => {
    if (Date.parse(at) > now) ctx.addAlarm({ kind: 'decision_reminder', at, decision, round, owedBy, daysBefore: rule.reminders[i], from });
  });
  ctx.addAlarm({ kind: 'decision_due', at: dueAt, decision, round, owedBy, from });
}

/** The level that lists a hazard graded major: the grader's own level (a township grader's township). */
export function listingOwedBy(level: string | undefined): ListingLevel {
  return level === 'county' || level === 'city' ? level : 'township';
}
