import type { Policy } from '@hazards/domain/policy/policy.schema';
import type { Alarm, AlarmDraft, HazardState, ScheduledInstant } from '../hazard-lifecycle.types';
import { armed, withId } from './alarms';
import { matches, type ReplanBatch, type Target } from './calendar-replan';

/**
 * 策略迁移, the pure part. A running hazard moved to a newer policy is re-planned the way a calendar
 * change re-plans it (calendar-replan.ts: each pending deadline and timer counted again from its
 * stored anchor), with the new policy's offsets instead of the old ones. What the new policy adds
 * or drops is decided here:
 * - a deadline whose instant has passed, or would pass under the new policy, keeps its instant
 *   ("pinned"): nobody is made overdue after the fact, and the timers hanging on it (reminders,
 *   ladder stages, tracing) are counted from the kept instant with the new offsets;
 * - the review window now open keeps its due instant (it was given to that level when its review
 *   started); only its reminders follow the new policy, and the next level or round gets the new window;
 * - a reminder or ladder stage the new policy no longer has is removed; one it adds is armed if
 *   its instant is still ahead (a reminder already past is not sent);
 * - the overdue ladder keeps its place: the stages due no later than the last one reached count as
 *   passed; a new stage whose instant has already passed is skipped, never fired after the fact
 *   (an escalation is an accountability act under the rules in force when it was due).
 */

/** A deadline whose length is taken from the old policy, so its instant stays. */
export type Pin = 'plan' | 'rectification' | 'extensionDecision' | 'review' | 'decision';

const PIN_OF: Record<NonNullable<Target['deadline']>, Pin | null> = {
  planDue: 'plan',
  rectification: 'rectification',
  extensionRequestCutoff: null,
  extensionDecisionDue: 'extensionDecision',
  reviewDue: 'review',
  decisionDue: 'decision',
};

/** The new policy with the old one's length for each pinned deadline. */
export function pinnedPolicy(next: Policy, prev: Policy, pins: ReadonlySet<Pin>): Policy {
  let p = next;
  if (pins.has('plan')) p = { ...p, plan: prev.plan };
  if (pins.has('rectification')) p = { ...p, rectification: prev.rectification };
  if (pins.has('extensionDecision'))
    p = { ...p, extension: { ...p.extension, decisionWindowWorkingDays: prev.extension.decisionWindowWorkingDays } };
  if (pins.has('review')) p = { ...p, review: { ...p.review, window: prev.review.window } };
  const [nd, pd] = [p.decisions, prev.decisions];
  if (pins.has('decision') && nd && pd) {
    p = {
      ...p,
      decisions: {
        grading: { ...nd.grading, dueWorkingDays: pd.grading.dueWorkingDays },
        listing: { ...nd.listing, dueWorkingDays: pd.listing.dueWorkingDays },
        planDecision: { ...nd.planDecision, dueWorkingDays: pd.planDecision.dueWorkingDays },
      },
    };
  }
  return p;
}

const passed = (iso: string | null | undefined, now: number): boolean => !!iso && Date.parse(iso) <= now;

/** Before counting: the open review window, and every deadline already passed. */
export function initialPins(s: HazardState, now: number): Set<Pin> {
  const pins = new Set<Pin>(['review']);
  if (passed(s.deadlines.planDue, now)) pins.add('plan');
  if (passed(s.deadlines.rectification, now)) pins.add('rectification');
  if (passed(s.deadlines.extensionDecisionDue, now)) pins.add('extensionDecision');
  if (passed(s.deadlines.decisionDue, now)) pins.add('decision');
  return pins;
}

/** After a count: the pins plus each deadline the new policy would put in the past. */
export function pinsAfterCount(batches: ReplanBatch[], results: string[][], now: number, pins: ReadonlySet<Pin>): Set<Pin> {
  const out = new Set(pins);
  batches.forEach((b, bi) =>
    b.targets.forEach((t, i) => {
      const pin = t.deadline ? PIN_OF[t.deadline] : null;
      if (pin && passed(results[bi][i], now)) out.add(pin);
    }),
  );
  return out;
}

/** An escalated review window (一岗双责) was opened at the escalation, not from the review's anchor: it is left as it is. */
export function withoutEscalatedReview(s: HazardState, batches: ReplanBatch[]): ReplanBatch[] {
  if (!s.review?.escalatedTo) return batches;
  const review = (t: Target) => t.deadline === 'reviewDue' || t.alarm?.kind === 'review_due' || t.alarm?.kind === 'review_reminder';
  return batches.map((b) => ({ ...b, targets: b.targets.filter((t) => !review(t)) })).filter((b) => b.targets.length > 0);
}

type Ladder = Policy['escalation']['ladder'];

/** The hazard's overdue ladder under a policy: general hazards have their own. */
export const ladderOf = (s: HazardState, p: Policy): Ladder => (s.grade === 'general' ? p.escalation.generalLadder : p.escalation.ladder);

/**
 * Where the overdue ladder stands under the new policy: the number of its stages due no later
 * (in working days overdue) than the last stage reached under the old one.
 */
export function ladderPosition(prev: Ladder, next: Ladder, reached: number): number {
  if (reached <= 0) return 0;
  const at = prev[reached - 1]?.afterOverdueWorkingDays ?? Number.POSITIVE_INFINITY;
  return next.filter((stage) => stage.afterOverdueWorkingDays <= at).length;
}

/** What reconciling the alarms with the new policy changes: alarms to remove, renumber and add, as recorded. */
export interface AlarmReconciliation {
  removeIds: string[];
  /** Ladder alarms kept with a new stage number (the same action and offset, stages inserted or dropped before them). */
  renumber: { id: string; stage: number }[];
  add: AlarmDraft[];
  removed: ScheduledInstant[];
  added: ScheduledInstant[];
  skipped: ScheduledInstant[];
}

/** Alarm kinds a policy may add or drop instances of (the others mirror a deadline, which every policy has). */
const SET_KINDS: readonly Alarm['kind'][] = ['plan_reminder', 'rectification_reminder', 'review_reminder', 'decision_reminder', 'ladder'];

/** The reminders and stages that hang on each deadline: counted again whenever the deadline is. */
const HANGING_ON: Partial<Record<NonNullable<Target['deadline']>, Alarm['kind'][]>> = {
  planDue: ['plan_reminder'],
  rectification: ['rectification_reminder', 'ladder'],
  reviewDue: ['review_reminder'],
  decisionDue: ['decision_reminder'],
};

/** Alarm kinds whose whole set the batches give under the new policy; armed alarms of these kinds not among them go. */
function countedKinds(s: HazardState, batches: ReplanBatch[]): Set<Alarm['kind']> {
  const kinds = new Set<Alarm['kind']>();
  for (const t of batches.flatMap((b) => b.targets)) {
    if (t.deadline) HANGING_ON[t.deadline]?.forEach((k) => kinds.add(k));
    if (t.alarm && SET_KINDS.includes(t.alarm.kind)) kinds.add(t.alarm.kind);
  }
  // A calendar-day review window has no batch of its own when the new policy sends no reminders before it.
  if (s.status === 'submitted') kinds.add('review_reminder');
  return kinds;
}

/** An alarm as a migration records it: the deadline a decision alarm stands for, a reminder's offset, a stage's action. */
export const describeAlarm = (a: Alarm): ScheduledInstant => {
  const x = a as Alarm & { daysBefore?: number; stage?: number; action?: ScheduledInstant['action'] };
  const kind = a.kind === 'decision_due' ? 'decisionDue' : (a.kind as ScheduledInstant['kind']);
  return {
    kind,
    at: a.at,
    ...(x.daysBefore !== undefined ? { daysBefore: x.daysBefore } : {}),
    ...(x.stage !== undefined ? { stage: x.stage, action: x.action } : {}),
  };
};

const describeDraft = (d: AlarmDraft): ScheduledInstant => describeAlarm(withId(d, 0));

/** The new alarm a target stands for, with what its handler needs from the state. */
function draftFor(s: HazardState, t: NonNullable<Target['alarm']>, at: string, ladder: Ladder): AlarmDraft | null {
  switch (t.kind) {
    case 'plan_reminder':
    case 'rectification_reminder':
      return { kind: t.kind, at, daysBefore: t.daysBefore! };
    case 'review_reminder':
      return s.review
        ? { kind: 'review_reminder', at, round: s.review.round, level: s.review.levels[s.review.index], daysBefore: t.daysBefore! }
        : null;
    case 'decision_reminder': {
      const owed = s.alarms.find(
        (a): a is Extract<Alarm, { kind: 'decision_due' }> => a.kind === 'decision_due' && !a.firedAt && a.from !== undefined,
      );
      return owed
        ? {
            kind: 'decision_reminder',
            at,
            decision: owed.decision,
            round: owed.round,
            owedBy: owed.owedBy,
            daysBefore: t.daysBefore!,
            from: owed.from,
          }
        : null;
    }
    case 'ladder': {
      const stage = ladder[t.stage! - 1];
      return { kind: 'ladder', at, stage: t.stage!, action: stage.action, afterOverdueWorkingDays: stage.afterOverdueWorkingDays };
    }
    default:
      return null;
  }
}

/** Whether the hazard's ladder already fired a stage with this action at this many working days overdue. */
const firedStage = (s: HazardState, stage: Ladder[number]): boolean =>
  s.escalations.some(
    (e) => e.kind === 'overdue_ladder' && e.action === stage.action && e.detail?.afterOverdueWorkingDays === stage.afterOverdueWorkingDays,
  );

/**
 * The reminders and ladder stages of the new policy against the armed ones: which stay, which go,
 * which come, which are skipped. `escalationStage` is the ladder's place under the new policy
 * (ladderPosition). A ladder stage is the same stage when its action and offset are, whatever its
 * number. Pure.
 */
export function reconcileAlarms(
  s: HazardState,
  next: Policy,
  batches: ReplanBatch[],
  results: string[][],
  now: number,
  escalationStage: number,
): AlarmReconciliation {
  const out: AlarmReconciliation = { removeIds: [], renumber: [], add: [], removed: [], added: [], skipped: [] };
  const ladder = ladderOf(s, next);
  const counted = countedKinds(s, batches);
  const live = s.alarms.filter((a) => armed(s, a) && counted.has(a.kind));
  const kept = new Set<string>();
  const ahead = (iso: string) => Date.parse(iso) > now;
  batches.forEach((b, bi) =>
    b.targets.forEach((t, i) => {
      if (!t.alarm || !SET_KINDS.includes(t.alarm.kind)) return;
      const to = results[bi][i];
      const draft = draftFor(s, t.alarm, to, ladder);
      if (!draft) return;
      if (draft.kind === 'ladder') {
        const same = live.find(
          (a): a is Extract<Alarm, { kind: 'ladder' }> =>
            a.kind === 'ladder' &&
            !kept.has(a.id) &&
            a.action === draft.action &&
            a.afterOverdueWorkingDays === draft.afterOverdueWorkingDays,
        );
        if (draft.stage <= escalationStage) {
          // Passed under the new numbering: a stage the hazard's ladder never had is reported as skipped.
          if (!firedStage(s, ladder[draft.stage - 1])) out.skipped.push(describeDraft(draft));
          return;
        }
        if (same) {
          kept.add(same.id);
          if (same.stage !== draft.stage) out.renumber.push({ id: same.id, stage: draft.stage });
        } else if (ahead(to)) out.add.push(draft);
        else out.skipped.push(describeDraft(draft));
        return;
      }
      const same = live.filter((a) => matches(a, t.alarm!, s));
      same.forEach((a) => kept.add(a.id));
      if (same.length === 0 && ahead(to) && armed(s, withId(draft, 0))) out.add.push(draft);
    }),
  );
  for (const a of live) {
    if (kept.has(a.id)) continue;
    out.removeIds.push(a.id);
    out.removed.push(describeAlarm(a));
  }
  out.added = out.add.map(describeDraft);
  return out;
}
