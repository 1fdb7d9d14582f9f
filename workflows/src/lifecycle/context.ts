import { patched, proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import { HAZARD_SA_KEYS } from '@hazards/temporal/search-attributes';
import { countOnCopy, type CalendarCopy } from '@hazards/domain/calendar/calendar-copy';
import type { DomainEventDraft } from '@hazards/events/domain-event';
import type { IssueAndRecordActivities, IssueDocumentInput, IssuedDocument, StepPath } from '@hazards/temporal/document-activities';
import type { HazardActivities, RecordStepInput } from '@hazards/temporal/hazard-activities';
import type { Actor } from '@hazards/domain/hazard/actor';
import type { HazardStatus } from '@hazards/domain/hazard/hazard-status';
import type { Policy } from '@hazards/domain/policy/policy.schema';
import type { ScheduledOffset } from '@hazards/domain/rules/deadline-schedule.rule';
import type { AlarmDraft, AlarmKind, HazardState, UpdateResult } from '../hazard-lifecycle.types';
import { currentDeadline, toSnapshot } from '../hazard-view.builder';
import { scheduleChange, withId, withoutPending } from './alarms';
import { PATCHES } from './patches';

// Writes are retried until they succeed: a step that is never recorded would break the audit trail.
const { recordStep } = proxyActivities<HazardActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
// A step that states the document it issues: both in one activity, retried like either.
const { issueAndRecordStep } = proxyActivities<IssueAndRecordActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
// Calendar arithmetic lives outside the workflow: the calendar data can change without breaking replay.
// The enterprise's penalties (art 113) are a read of the read model.
const { shiftWorkingDays, enterprisePenalties } = proxyActivities<HazardActivities>({ startToCloseTimeout: '10 seconds' });

export const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The inputs a step's explanation (为什么？, libs/domain/src/explanations) is counted from, added to
 * the step's payload for hazards past the patch; older histories are explained by recounting.
 */
export function explanationInputs(
  ctx: LifecycleContext,
  inputs: { countedFrom?: string; alarmAt?: string; rectificationDeadline?: string | null },
): Record<string, unknown> {
  return ctx.patched(PATCHES.explanationInputs) ? inputs : {};
}

/**
 * What a transition or an alarm handler may do. Every operation that changes what the timer loop
 * waits for re-arms the loop itself (`record`, `shift`, `schedule`), so no handler bumps it by hand.
 */
export interface LifecycleContext {
  readonly s: HazardState;
  readonly policy: Policy;
  /** Workflow time, ms. */
  now(): number;
  /**
   * Records one step: seq, timeline entry and read-model snapshot are taken synchronously, so steps
   * keep their order even when handlers interleave; resolves once the row is written.
   */
  record(
    step: string,
    actor: Actor,
    fromStatus: HazardStatus | null,
    data: Record<string, unknown>,
    events: DomainEventDraft[],
    reason?: string,
  ): Promise<UpdateResult>;
  /**
   * `record`, for a step that states a document issued with it: one activity issues the document and
   * writes the step with the document's data at `attachAt` (paths in the step's input). Resolves
   * with the document once both are stored; the caller keeps it in the state.
   */
  recordWithDocument(
    issuing: { document: IssueDocumentInput; attachAt: StepPath[] },
    ...step: Parameters<LifecycleContext['record']>
  ): Promise<IssuedDocument>;
  /** Penalties on the enterprise's other hazards of these grades (Safety Law art 113). */
  enterprisePenalties(grades: string[]): Promise<{ hazardId: string; decidedAt: string; lawArticle: string }[]>;
  /**
   * Working-day instants counted from `from`: on the calendar copy of the action being applied when
   * it can (`receiveCalendar`), else by one activity call; a re-plan asks for at least a calendar
   * version, always of the activity.
   */
  shift(from: string, offsets: number[], calendarVersion?: number): Promise<string[]>;
  /**
   * An action's calendar copy (from the API), for the counts made in the workflow task it arrived
   * in: later tasks, and a hazard told of a newer calendar version, ask the activity.
   */
  receiveCalendar(copy: CalendarCopy | undefined): void;
  /** A `calendarChanged` signal arrived: no copy older than this version is counted on again. */
  calendarSignalled(version: number): void;
  /** Deadlines and alarms of a rectification schedule counted from `from` (one activity call). */
  schedule(from: string, items: ScheduledOffset[]): Promise<void>;
  addAlarm(draft: AlarmDraft): void;
  dropAlarms(kinds: readonly AlarmKind[]): void;
  /** `patched()` of the Temporal SDK: true for new executions, and for old ones past the marker. */
  patched(id: string): boolean;
  /**
   * A context for one user action that answers without waiting for its steps' writes (patch
   * `answer-with-steps`): `record` schedules the write and returns at once, and `steps` collects
   * what the answer hands back. The writes stay in flight until `writesSettled`.
   */
  answering(): { ctx: LifecycleContext; steps: RecordStepInput[] };
  /** Resolves once every write scheduled without waiting has succeeded (before the workflow completes). */
  writesSettled(): Promise<void>;
}

/** A context over the workflow's state, and the version counter the timer loop watches. */
export function createContext(s: HazardState, policy: Policy): { ctx: LifecycleContext; version: () => number } {
  let version = 0;
  const rearm = () => {
    version += 1;
  };
  let alarmCounter = 0;
  let indexed = '';
  // The last action's calendar copy and the workflow time it arrived at; the newest version signalled.
  let copy: { calendar: CalendarCopy; at: number } | null = null;
  let signalledVersion = 0;
  /**
   * The instants counted on the copy, or null (ask the activity). Only in the task the copy arrived
   * in (workflow time stands still within a task), so it is as fresh as the API's cached calendar;
   * never under a demo clock (the activity checks that demos are allowed). Decided from the history
   * alone, so a replay makes the same choice; the patch keeps histories from before it on the activity.
   */
  const countOnArrivedCopy = (from: string, offsets: number[]): string[] | null => {
    if (!copy || copy.at !== Date.now() || copy.calendar.version < signalledVersion || policy.demoClock) return null;
    const instants = countOnCopy(copy.calendar, from, offsets);
    return instants && patched(PATCHES.calendarCopy) ? instants : null;
  };
  /**
   * Temporal's own view (search attributes) follows the state: upserted with a step whenever one
   * of them changed, so `HazardStatus="rectifying"` lists exactly the hazards rectifying now.
   */
  const upsertIndex = () => {
    const deadline = currentDeadline(s);
    const values = { status: s.status, deadline, grade: s.grade, level: s.listing?.level ?? null };
    const key = JSON.stringify(values);
    if (key === indexed) return;
    indexed = key;
    upsertSearchAttributes([
      { key: HAZARD_SA_KEYS.status, value: values.status },
      { key: HAZARD_SA_KEYS.deadline, value: deadline ? new Date(deadline) : null },
      { key: HAZARD_SA_KEYS.grade, value: values.grade },
      { key: HAZARD_SA_KEYS.listingLevel, value: values.level },
    ]);
  };
  /** The step's row: seq, timeline entry and read-model snapshot taken now, synchronously. */
  const stepInput = (...[step, actor, fromStatus, data, events, reason]: Parameters<LifecycleContext['record']>): RecordStepInput => {
    const seq = ++s.seq;
    const at = iso(Date.now());
    s.timeline.push({
      seq,
      step,
      at,
      actor: { userId: actor.userId, role: actor.role, name: actor.name },
      fromStatus,
      toStatus: s.status,
      reason,
    });
    rearm();
    if (patched(PATCHES.searchAttributes)) upsertIndex();
    return {
      hazardId: s.hazardId,
      seq,
      step,
      actor,
      at,
      fromStatus,
      toStatus: s.status,
      reason,
      policyVersion: s.policyVersion,
      data,
      snapshot: toSnapshot(s),
      events,
    };
  };
  // Writes scheduled by answering actions: each leaves the set when it succeeds; one that failed
  // (only a cancellation: writes retry until they succeed) stays, so writesSettled throws it.
  const inFlight = new Set<Promise<unknown>>();
  const resultOf = (input: RecordStepInput): UpdateResult => ({
    seq: input.seq,
    status: s.status,
    currentDeadline: currentDeadline(s),
    rectificationDeadline: s.deadlines.rectification,
  });
  const ctx: LifecycleContext = {
    s,
    policy,
    now: () => Date.now(),
    async record(...step) {
      const input = stepInput(...step);
      await recordStep(input);
      return resultOf(input);
    },
    async recordWithDocument(issuing, ...step) {
      const { document } = await issueAndRecordStep({ ...issuing, step: stepInput(...step) });
      return document;
    },
    enterprisePenalties: (grades) => enterprisePenalties({ enterpriseId: s.enterpriseId, excludeHazardId: s.hazardId, grades }),
    async shift(from, offsets, calendarVersion) {
      // The state changed before the instants are known: the loop re-plans now and again after.
      rearm();
      if (calendarVersion !== undefined) ctx.calendarSignalled(calendarVersion);
      const counted = calendarVersion === undefined ? countOnArrivedCopy(from, offsets) : null;
      if (counted) return counted;
      const instants = await shiftWorkingDays({
        from,
        offsets,
        ...(calendarVersion !== undefined ? { calendarVersion } : {}),
        ...(policy.demoClock ? { demoWorkingDaySeconds: policy.demoClock.workingDaySeconds } : {}),
      });
      rearm();
      return instants;
    },
    async schedule(from, items) {
      // Reminders already past when the schedule was asked for are not sent.
      const askedAt = Date.now();
      const instants = await ctx.shift(
        from,
        items.map((x) => x.offset),
      );
      const change = scheduleChange(s, items, instants, askedAt);
      s.alarms = withoutPending(s.alarms, change.replaceKinds);
      Object.assign(s.deadlines, change.deadlines);
      change.add.forEach(ctx.addAlarm);
      rearm();
    },
    receiveCalendar(calendar) {
      // Two actions in one task with copies from different API instances: the newer version counts.
      if (calendar && !(copy?.at === Date.now() && copy.calendar.version > calendar.version)) copy = { calendar, at: Date.now() };
    },
    calendarSignalled(v) {
      signalledVersion = Math.max(signalledVersion, v);
    },
    addAlarm(draft) {
      s.alarms.push(withId(draft, ++alarmCounter));
    },
    dropAlarms(kinds) {
      s.alarms = withoutPending(s.alarms, kinds);
    },
    patched: (id) => patched(id),
    answering() {
      const steps: RecordStepInput[] = [];
      const answeringCtx: LifecycleContext = {
        ...ctx,
        async record(...step) {
          const input = stepInput(...step);
          steps.push(input);
          const write = recordStep(input);
          inFlight.add(write);
          write.then(
            () => inFlight.delete(write),
            () => undefined,
          );
          return resultOf(input);
        },
      };
      return { ctx: answeringCtx, steps };
    },
    async writesSettled() {
      await Promise.all(inFlight);
    },
  };
  return { ctx, version: () => version };
}
