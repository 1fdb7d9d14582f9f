import { isOpen, RECTIFICATION_RUNNING } from '@hazards/domain/hazard/hazard-status';
import type { ScheduledOffset } from '@hazards/domain/rules/deadline-schedule.rule';
import type { Alarm, AlarmDraft, AlarmKind, HazardState, OwedDecision } from '../hazard-lifecycle.types';

/**
 * Whether an alarm still matters in this state. Alarms are never edited when the state moves on:
 * an alarm whose moment has passed (the plan came in, the review moved to the next level) simply
 * stops being armed, and the timer loop forgets it.
 */
export function armed(s: HazardState, a: Alarm): boolean {
  if (a.firedAt) return false;
  // A delisting notice is owed after the sign-off: its timers outlive the open lifecycle.
  if (a.kind === 'publication_reminder' || a.kind === 'publication_due') return noticePending(s, a.notice);
  if (!isOpen(s.status)) return false;
  return armedKind(s, a);
}

/** A notice not yet published: a listing notice only while the hazard is open, a delisting notice until published. */
export function noticePending(s: HazardState, index: number): boolean {
  const n = s.notices[index];
  if (!n || n.publishedAt !== null) return false;
  return n.kind === 'delisting_notice' || isOpen(s.status);
}

/** The lifecycle waits on after the sign-off while a delisting notice (摘牌公告) is still to be published. */
export function awaitingPublication(s: HazardState): boolean {
  return s.status === 'closed' && s.notices.some((n) => n.kind === 'delisting_notice' && n.publishedAt === null);
}

function armedKind(s: HazardState, a: Alarm): boolean {
  switch (a.kind) {
    case 'plan_due':
    case 'plan_reminder':
      return s.status === 'listed';
    case 'rectification_reminder':
    case 'ladder':
      return RECTIFICATION_RUNNING.includes(s.status);
    case 'tracing_overdue':
      return RECTIFICATION_RUNNING.includes(s.status) && s.tracing === null;
    case 'review_reminder':
      return s.status === 'submitted' && s.review !== null && s.review.round === a.round && s.review.levels[s.review.index] === a.level;
    case 'review_due':
      // A window belongs to its round, level and the level the review has been escalated to (if any).
      return (
        s.status === 'submitted' &&
        s.review !== null &&
        s.review.round === a.round &&
        s.review.levels[s.review.index] === a.level &&
        (a.escalatedTo ?? null) === s.review.escalatedTo
      );
    case 'extension_decision_due':
      if (!RECTIFICATION_RUNNING.includes(s.status)) return false;
      // Each request's alarm waits on that request; alarms armed before requests were told apart wait on any.
      return a.extension === undefined ? s.extensions.some((e) => e.decision === null) : s.extensions[a.extension]?.decision === null;
    case 'decision_reminder':
    case 'decision_due':
      return owedDecisionPending(s, a.decision, a.round);
    case 'publication_reminder':
    case 'publication_due':
      return noticePending(s, a.notice);
    case 'interview_reminder':
    case 'interview_due':
      return s.interviews[a.interview]?.held === null;
  }
}

/** Whether the regulator still owes this decision: grading, listing, or the decision on plan submission `round`. */
export function owedDecisionPending(s: HazardState, decision: OwedDecision, round: number): boolean {
  switch (decision) {
    case 'grading':
      return s.status === 'reported';
    case 'listing':
      return s.status === 'awaiting_listing';
    case 'planDecision':
      return s.status === 'plan_submitted' && s.planDecisions.length + 1 === round;
  }
}

/** The soonest armed alarm (ties by id, so the order is deterministic), or undefined. */
export function nextArmed(s: HazardState): Alarm | undefined {
  return s.alarms.filter((a) => armed(s, a)).sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id))[0];
}

/** Armed alarms, soonest first: what `getState` shows as `upcoming`. */
export function upcoming(s: HazardState): Alarm[] {
  return s.alarms.filter((a) => armed(s, a)).sort((a, b) => a.at.localeCompare(b.at));
}

/** Gives a draft its id: `${kind}-${n}` with n counting every alarm ever added. */
export function withId(draft: AlarmDraft, n: number): Alarm {
  return { id: `${draft.kind}-${n}`, ...draft } as Alarm;
}

/** Pending alarms of these kinds removed (fired ones stay, as a record of what happened). */
export function withoutPending(alarms: Alarm[], kinds: readonly AlarmKind[]): Alarm[] {
  return alarms.filter((a) => a.firedAt !== undefined || !kinds.includes(a.kind));
}

/** What one batch of working-day instants changes: deadlines to set, alarm kinds to replace, alarms to add. */
export interface ScheduleChange {
  deadlines: Partial<HazardState['deadlines']>;
  replaceKinds: AlarmKind[];
  add: AlarmDraft[];
}

/**
 * The deadlines and alarms that follow from a rectification schedule (deadline-schedule.rule) and
 * the instants the calendar activity gave for its offsets. Pure, so it is recomputable: the same
 * anchors and offsets on an updated calendar give the re-planned alarms.
 * - A new plan due replaces the plan alarms; a new rectification deadline replaces the reminders,
 *   the ladder and tracing (an extension moves every timer hanging on the deadline).
 * - A reminder that would fall before `now` (a short deadline) is not sent.
 * - Ladder stages already reached are not armed again.
 */
export function scheduleChange(s: HazardState, items: ScheduledOffset[], instants: string[], now: number): ScheduleChange {
  const replace = new Set<AlarmKind>();
  const deadlines: ScheduleChange['deadlines'] = {};
  const add: AlarmDraft[] = [];
  items.forEach(({ item }) => {
    if (item.kind === 'plan_due') replace.add('plan_due').add('plan_reminder');
    if (item.kind === 'rectification_due') replace.add('rectification_reminder').add('ladder').add('tracing_overdue');
  });
  items.forEach(({ item }, i) => {
    const at = instants[i];
    switch (item.kind) {
      case 'plan_due':
        deadlines.planDue = at;
        add.push({ kind: 'plan_due', at });
        break;
      case 'rectification_due':
        deadlines.rectification = at;
        break;
      case 'extension_cutoff':
        deadlines.extensionRequestCutoff = at;
        break;
      case 'plan_reminder':
      case 'rectification_reminder':
        if (Date.parse(at) > now) add.push({ kind: item.kind, at, daysBefore: item.daysBefore });
        break;
      case 'ladder':
        if (item.stage > s.escalationStage) {
          add.push({ kind: 'ladder', at, stage: item.stage, action: item.action, afterOverdueWorkingDays: item.afterOverdueWorkingDays });
        }
        break;
      case 'tracing_overdue':
        add.push({ kind: 'tracing_overdue', at, afterOverdueWorkingDays: item.afterOverdueWorkingDays });
        break;
    }
  });
  return { deadlines, replaceKinds: [...replace], add };
}

/** Every alarm kind (the compiler checks none is missing): the replay corpus must cover each. */
export const ALARM_KINDS = [
  'plan_due',
  'plan_reminder',
  'rectification_reminder',
  'ladder',
  'tracing_overdue',
  'review_reminder',
  'review_due',
  'extension_decision_due',
  'decision_reminder',
  'decision_due',
  'publication_reminder',
  'publication_due',
  'interview_reminder',
  'interview_due',
] as const satisfies readonly AlarmKind[];
type MissingKind = Exclude<AlarmKind, (typeof ALARM_KINDS)[number]>;
export const ALL_ALARM_KINDS_LISTED: [MissingKind] extends [never] ? true : never = true;
