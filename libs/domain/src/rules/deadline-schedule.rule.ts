import type { Policy } from '../policy/policy.schema';
import type { EscalationAction } from '../policy/escalation-action';
import type { Grade } from '../hazard/vocabulary';

/** One instant the lifecycle cares about, as a working-day offset from an anchor instant. */
export type ScheduleItem =
  | { kind: 'plan_due' }
  | { kind: 'plan_reminder'; daysBefore: number }
  | { kind: 'rectification_due' }
  | { kind: 'rectification_reminder'; daysBefore: number }
  | { kind: 'extension_cutoff' }
  | { kind: 'ladder'; stage: number; action: EscalationAction; afterOverdueWorkingDays: number }
  | { kind: 'tracing_overdue'; afterOverdueWorkingDays: number };

export interface ScheduledOffset {
  item: ScheduleItem;
  offset: number;
}

/**
 * Every working-day instant that follows from a rectification deadline D working days after an
 * anchor (and, at listing, a plan due P working days after it): reminders at D−r, the extension
 * cutoff at D−N, ladder stages at D+n, tracing at D+M. Offsets from one anchor compose because
 * stepping k working days from the D-th working day lands on the (D+k)-th, so one
 * `shiftWorkingDays` call gives them all (keeps the workflow's history and cost small).
 */
export function rectificationSchedule(
  policy: Policy,
  opts: { grade: Grade; rectificationWorkingDays: number; planWorkingDays?: number },
): ScheduledOffset[] {
  const out: ScheduledOffset[] = [];
  const p = opts.planWorkingDays;
  if (p !== undefined) {
    out.push({ item: { kind: 'plan_due' }, offset: p });
    for (const r of policy.reminders.planDue) out.push({ item: { kind: 'plan_reminder', daysBefore: r }, offset: p - r });
  }
  const d = opts.rectificationWorkingDays;
  out.push({ item: { kind: 'rectification_due' }, offset: d });
  const reminders = opts.grade === 'general' ? policy.reminders.generalRectificationDue : policy.reminders.rectificationDue;
  for (const r of reminders) out.push({ item: { kind: 'rectification_reminder', daysBefore: r }, offset: d - r });
  out.push({ item: { kind: 'extension_cutoff' }, offset: d - policy.extension.minWorkingDaysBeforeDeadline });
  const ladder = opts.grade === 'general' ? policy.escalation.generalLadder : policy.escalation.ladder;
  ladder.forEach((s, i) =>
    out.push({
      item: { kind: 'ladder', stage: i + 1, action: s.action, afterOverdueWorkingDays: s.afterOverdueWorkingDays },
      offset: d + s.afterOverdueWorkingDays,
    }),
  );
  const m = policy.accountability.tracing.afterOverdueWorkingDays;
  out.push({ item: { kind: 'tracing_overdue', afterOverdueWorkingDays: m }, offset: d + m });
  return out;
}

/** Rectification deadline (working days) for a grade and listing level, honouring the cap. */
export function rectificationWorkingDays(
  policy: Policy,
  opts: { grade: Grade; generalMode?: 'immediate' | 'short'; listingLevel?: 'township' | 'county' | 'city'; requested?: number },
): number {
  if (opts.grade === 'general') {
    return opts.generalMode === 'short' ? policy.rectification.general.shortWorkingDays : policy.rectification.general.immediateWorkingDays;
  }
  const byLevel = policy.rectification.byListingLevel[opts.listingLevel ?? 'township'];
  return Math.min(opts.requested ?? byLevel, policy.rectification.maxWorkingDays);
}
