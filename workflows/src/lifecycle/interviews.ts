import type { InterviewState } from '../accountability.types';
import { iso, type LifecycleContext } from './context';
import { issuingLevel } from './documents';

/**
 * 约谈: the ladder's interview stage orders one. It must be held within the policy's working days:
 * reminded before, escalated to the level above when not held by then. Only under a policy with an
 * `interview` block (default-v2 on); returns null otherwise.
 */
export async function orderInterview(ctx: LifecycleContext, stage: number): Promise<{ index: number; interview: InterviewState } | null> {
  const { s, policy } = ctx;
  const rule = policy.interview;
  if (!rule) return null;
  const now = ctx.now();
  const orderedAt = iso(now);
  const interview: InterviewState = { stage, level: issuingLevel(s), orderedAt, dueAt: orderedAt, scheduled: null, held: null };
  const index = s.interviews.push(interview) - 1;
  const days = rule.holdWithinWorkingDays;
  const [dueAt, ...before] = await ctx.shift(orderedAt, [days, ...rule.reminders.map((r) => days - r)]);
  interview.dueAt = dueAt;
  before.forEach((at, i) => {
    if (Date.parse(at) > now) ctx.addAlarm({ kind: 'interview_reminder', at, interview: index, daysBefore: rule.reminders[i] });
  });
  ctx.addAlarm({ kind: 'interview_due', at: dueAt, interview: index });
  return { index, interview };
}

/** The interview an action names, or the latest one. */
export const interviewIndex = (interviews: readonly InterviewState[], index: number | undefined): number => index ?? interviews.length - 1;
