import type { DeadlineMove } from '@hazards/domain/calendar/deadline-moves';
import { RECTIFICATION_RUNNING } from '@hazards/domain/hazard/hazard-status';
import type { Policy } from '@hazards/domain/policy/policy.schema';
import { rectificationSchedule, rectificationWorkingDays, type ScheduleItem } from '@hazards/domain/rules/deadline-schedule.rule';
import type { Alarm, HazardState } from '../hazard-lifecycle.types';
import type { LifecycleContext } from './context';

/**
 * 日历变更后重新排期, the pure part: which pending deadlines and timers were counted in working
 * days, from which anchor (the listing, the grading, the extension request, the review level's
 * start) and with which offsets (the policy's, as deadline-schedule.rule gives them), and how the
 * recounted instants apply to the state. Offsets from one anchor compose, so a deadline extended
 * twice is the anchor plus the listing's days plus both extensions. Rules: an instant that has
 * passed is never moved, and nothing is moved into the past.
 */

const DAY_MS = 24 * 3600 * 1000;
const SHANGHAI_MS = 8 * 3600 * 1000;

/** One instant to recount: which deadline or alarm it is, and its offset from the batch's anchor. */
export interface Target {
  offset: number;
  deadline?: 'planDue' | 'rectification' | 'extensionRequestCutoff' | 'extensionDecisionDue' | 'reviewDue' | 'decisionDue';
  alarm?: { kind: Alarm['kind']; daysBefore?: number; stage?: number };
}

/** One activity call: an anchor and the instants counted from it. */
export interface ReplanBatch {
  from: string;
  targets: Target[];
}

const timeOfDay = (iso: string) => (Date.parse(iso) + SHANGHAI_MS) % DAY_MS;

/**
 * When a general hazard's deadline was counted from. Grading records its step after the
 * calendar activity answered, so the step's time is a little later than the anchor; the anchor
 * has the deadline's time of day (counting keeps it) and the step's date, or the day before if
 * the activity ran across midnight.
 */
function gradedAnchor(s: HazardState): string | null {
  const graded = s.timeline.find((e) => e.step === 'graded');
  if (!graded || !s.deadlines.rectification) return null;
  const tod = timeOfDay(s.deadlines.rectification);
  const stepMs = Date.parse(graded.at);
  const dayStart = stepMs - timeOfDay(graded.at);
  const anchor = dayStart + tod;
  return new Date(anchor <= stepMs ? anchor : anchor - DAY_MS).toISOString();
}

function scheduleTarget(item: ScheduleItem, offset: number): Target[] {
  switch (item.kind) {
    case 'plan_due':
      return [
        { offset, deadline: 'planDue' },
        { offset, alarm: { kind: 'plan_due' } },
      ];
    case 'plan_reminder':
    case 'rectification_reminder':
      return [{ offset, alarm: { kind: item.kind, daysBefore: item.daysBefore } }];
    case 'rectification_due':
      return [{ offset, deadline: 'rectification' }];
    case 'extension_cutoff':
      return [{ offset, deadline: 'extensionRequestCutoff' }];
    case 'ladder':
      return [{ offset, alarm: { kind: 'ladder', stage: item.stage } }];
    case 'tracing_overdue':
      return [{ offset, alarm: { kind: 'tracing_overdue' } }];
  }
}

/** Everything pending that was counted in working days, grouped by anchor. Pure. */
export function replanBatches(s: HazardState, policy: Policy): ReplanBatch[] {
  const batches: ReplanBatch[] = [];
  if (RECTIFICATION_RUNNING.includes(s.status) && s.deadlines.rectification && s.grade) {
    const extended = s.extensions.reduce((n, e) => n + (e.decision === 'approve' ? (e.approvedWorkingDays ?? 0) : 0), 0);
    const major = s.grade === 'major' && s.listing;
    const from = major ? s.listing!.listedAt : gradedAnchor(s);
    const base = major
      ? rectificationWorkingDays(policy, {
          grade: 'major',
          listingLevel: s.listing!.relistings[0]?.from ?? s.listing!.level,
          requested: s.listing!.deadlineWorkingDays,
        })
      : rectificationWorkingDays(policy, { grade: 'general', generalMode: s.generalMode ?? 'immediate' });
    const items = rectificationSchedule(policy, {
      grade: s.grade,
      rectificationWorkingDays: base + extended,
      planWorkingDays: major ? policy.plan.dueWorkingDaysAfterListing : undefined,
    });
    if (from) batches.push({ from, targets: items.flatMap(({ item, offset }) => scheduleTarget(item, offset)) });
  }
  const pending = s.extensions.find((e) => e.decision === null);
  if (RECTIFICATION_RUNNING.includes(s.status) && pending && s.deadlines.extensionDecisionDue) {
    const offset = policy.extension.decisionWindowWorkingDays;
    batches.push({
      from: pending.requestedAt,
      targets: [
        { offset, deadline: 'extensionDecisionDue' },
        { offset, alarm: { kind: 'extension_decision_due' } },
      ],
    });
  }
  if (s.status === 'submitted' && s.review?.dueAt) {
    const before = policy.reminders.reviewDue;
    const w = policy.review.window;
    if (w.unit === 'calendar') {
      // The window itself is in calendar days; only the reminders before it count working days.
      batches.push({
        from: s.review.dueAt,
        targets: before.map((r) => ({ offset: -r, alarm: { kind: 'review_reminder', daysBefore: r } })),
      });
    } else {
      const passed = s.reviews.filter((r) => r.round === s.review!.round && r.result === 'pass');
      const from = s.review.index === 0 ? s.review.startedAt : passed[passed.length - 1]?.at;
      if (from) {
        batches.push({
          from,
          targets: [
            { offset: w.days, deadline: 'reviewDue' },
            { offset: w.days, alarm: { kind: 'review_due' } },
            ...before.map((r) => ({ offset: w.days - r, alarm: { kind: 'review_reminder' as const, daysBefore: r } })),
          ],
        });
      }
    }
  }
  // A decision the regulator owes (定级, 挂牌, 方案审核): counted from when its window opened.
  const owed = s.alarms.find(
    (a): a is Extract<Alarm, { kind: 'decision_due' }> => a.kind === 'decision_due' && !a.firedAt && a.from !== undefined,
  );
  const rule = owed ? policy.decisions?.[owed.decision] : undefined;
  if (owed && rule && s.deadlines.decisionDue) {
    const due = rule.dueWorkingDays;
    batches.push({
      from: owed.from!,
      targets: [
        { offset: due, deadline: 'decisionDue' },
        { offset: due, alarm: { kind: 'decision_due' } },
        ...rule.reminders.map((r) => ({ offset: due - r, alarm: { kind: 'decision_reminder' as const, daysBefore: r } })),
      ],
    });
  }
  return batches.filter((b) => b.targets.length > 0);
}

/** Whether a pending alarm is the one a target recounts (same kind, reminder offset or ladder stage, review level, decision). */
export const matches = (a: Alarm, t: NonNullable<Target['alarm']>, s: HazardState): boolean => {
  if (a.kind !== t.kind || a.firedAt) return false;
  const x = a as Alarm & { daysBefore?: number; stage?: number; round?: number; level?: string };
  if (t.daysBefore !== undefined && x.daysBefore !== t.daysBefore) return false;
  if (t.stage !== undefined && x.stage !== t.stage) return false;
  if (a.kind === 'review_reminder' || a.kind === 'review_due')
    return !!s.review && x.round === s.review.round && x.level === s.review.levels[s.review.index];
  if (a.kind === 'decision_reminder' || a.kind === 'decision_due') return a.from !== undefined;
  return true;
};

const deadlineLive = (s: HazardState, d: NonNullable<Target['deadline']>): boolean => {
  switch (d) {
    case 'planDue':
      return s.status === 'listed';
    case 'rectification':
    case 'extensionRequestCutoff':
      return RECTIFICATION_RUNNING.includes(s.status);
    case 'extensionDecisionDue':
      return s.extensions.some((e) => e.decision === null);
    case 'reviewDue':
      return s.status === 'submitted';
    case 'decisionDue':
      return s.alarms.some((a) => a.kind === 'decision_due' && !a.firedAt);
  }
};

/**
 * Applies recounted instants to the state: a live deadline or an armed alarm moves when its new
 * instant differs, and both old and new are still ahead. Returns what moved (alarms that only
 * mirror a deadline, such as plan_due, are moved but listed once, as the deadline). Pure.
 */
export function applyReplan(
  s: HazardState,
  batches: ReplanBatch[],
  results: string[][],
  now: number,
  isArmed: (a: Alarm) => boolean,
): DeadlineMove[] {
  const moves: DeadlineMove[] = [];
  const ahead = (iso: string | null | undefined) => !!iso && Date.parse(iso) > now;
  batches.forEach((b, bi) => {
    // The anchor must have given the instants their time of day; if not, it is not this batch's anchor.
    b.targets.forEach((t, i) => {
      const to = results[bi][i];
      if (t.deadline) {
        const old = t.deadline === 'reviewDue' ? (s.review?.dueAt ?? null) : s.deadlines[t.deadline];
        if (!old || old === to || !deadlineLive(s, t.deadline) || !ahead(old) || !ahead(to) || timeOfDay(old) !== timeOfDay(to)) return;
        if (t.deadline === 'reviewDue') s.review!.dueAt = to;
        else s.deadlines[t.deadline] = to;
        moves.push({ kind: t.deadline, from: old, to });
        return;
      }
      for (const a of s.alarms) {
        if (!matches(a, t.alarm!, s) || a.at === to || !ahead(a.at) || !ahead(to) || timeOfDay(a.at) !== timeOfDay(to)) continue;
        const listed = isArmed(a) && !['plan_due', 'extension_decision_due', 'review_due', 'decision_due'].includes(a.kind);
        const x = a as Alarm & { daysBefore?: number; stage?: number; action?: DeadlineMove['action'] };
        if (listed) {
          moves.push({
            kind: a.kind as DeadlineMove['kind'],
            from: a.at,
            to,
            ...(x.daysBefore !== undefined ? { daysBefore: x.daysBefore } : {}),
            ...(x.stage !== undefined ? { stage: x.stage, action: x.action } : {}),
          });
        }
        a.at = to;
      }
    });
  });
  return moves;
}

/** What a re-plan compares before and after its activity calls: if an update moved the hazard meanwhile, it counts again. */
export const replanFingerprint = (s: HazardState): string =>
  JSON.stringify([
    s.status,
    s.deadlines,
    s.review,
    s.extensions.map((e) => e.decision),
    s.alarms.filter((a) => !a.firedAt).map((a) => [a.id, a.at]),
  ]);

/**
 * Counts every batch's offsets from its anchor: one `shiftWorkingDays` call a batch, one after
 * another, so a replay meets the same activity commands in the same order.
 */
export async function shiftBatches(
  ctx: Pick<LifecycleContext, 'shift'>,
  batches: ReplanBatch[],
  calendarVersion?: number,
): Promise<string[][]> {
  const results: string[][] = [];
  for (const b of batches)
    results.push(
      await ctx.shift(
        b.from,
        b.targets.map((t) => t.offset),
        calendarVersion,
      ),
    );
  return results;
}
