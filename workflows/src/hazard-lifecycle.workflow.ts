import type { UpdateDefinition } from '@temporalio/common';
import { allHandlersFinished, ApplicationFailure, condition, patched, setHandler } from '@temporalio/workflow';
import { isOpen, type HazardStatus } from '@hazards/domain/hazard/hazard-status';
import { refusalMessage, type Refusal } from '@hazards/domain/rules/refusal';
import { calendarChangedSignal } from './calendar-replan.definitions';
import * as def from './hazard-lifecycle.definitions';
import type { Policy } from '@hazards/domain/policy/policy.schema';
import type { Alarm, HazardLifecycleInput, HazardState, UpdateResult } from './hazard-lifecycle.types';
import * as v from './hazard-validators';
import { toView } from './hazard-view.builder';
import * as av from './accountability-validators';
import { onDecisionDue, onDecisionReminder } from './lifecycle/alarm-handlers/decision.alarm';
import { onExtensionDecisionDue } from './lifecycle/alarm-handlers/extension-decision-due.alarm';
import { onInterviewDue, onInterviewReminder } from './lifecycle/alarm-handlers/interview.alarm';
import { onLadderStage } from './lifecycle/alarm-handlers/ladder.alarm';
import { onPlanDue } from './lifecycle/alarm-handlers/plan-due.alarm';
import { onPublicationDue, onPublicationReminder } from './lifecycle/alarm-handlers/publication.alarm';
import { onReminder } from './lifecycle/alarm-handlers/reminder.alarm';
import { onReviewDue } from './lifecycle/alarm-handlers/review-due.alarm';
import { onTracingOverdue } from './lifecycle/alarm-handlers/tracing-overdue.alarm';
import { ActionQueue } from './lifecycle/action-queue';
import { armed, awaitingPublication, nextArmed } from './lifecycle/alarms';
import { createContext, iso, type LifecycleContext } from './lifecycle/context';
import { openDecisionWindow } from './lifecycle/decision-window';
import { initialState } from './lifecycle/initial-state';
import { decideAllPatches, PATCHES } from './lifecycle/patches';
import { holdInterview, issueLetter, publishNotice, scheduleInterview } from './lifecycle/transitions/accountability.transition';
import { calendarChanged } from './lifecycle/transitions/calendar.transition';
import { decideExtension, requestExtension } from './lifecycle/transitions/extension.transition';
import { grade, list } from './lifecycle/transitions/grading-listing.transition';
import { decidePlan, submitPlan } from './lifecycle/transitions/plan.transition';
import { migratePolicy } from './lifecycle/transitions/policy.transition';
import { linkAccident, recordDiscovery, recordPenalty, recordProductionStop, withdraw } from './lifecycle/transitions/records.transition';
import { review, submitCompletion } from './lifecycle/transitions/review.transition';

/** Turns a refusal into the update's synchronous rejection: `中文 / English` plus a stable code. */
function refuse(r: Refusal | null): void {
  if (r) throw ApplicationFailure.create({ type: r.type, message: refusalMessage(r), nonRetryable: true, details: [r] });
}

type AlarmHandlers = { [K in Alarm['kind']]: (ctx: LifecycleContext, a: Extract<Alarm, { kind: K }>) => Promise<void> };

/** What each alarm does when it fires (lifecycle/alarm-handlers). */
const ALARM_HANDLERS: AlarmHandlers = {
  plan_reminder: onReminder,
  rectification_reminder: onReminder,
  review_reminder: onReminder,
  plan_due: onPlanDue,
  ladder: onLadderStage,
  tracing_overdue: onTracingOverdue,
  review_due: onReviewDue,
  extension_decision_due: onExtensionDecisionDue,
  decision_reminder: onDecisionReminder,
  decision_due: onDecisionDue,
  publication_reminder: onPublicationReminder,
  publication_due: onPublicationDue,
  interview_reminder: onInterviewReminder,
  interview_due: onInterviewDue,
};

/** Queues an action for the main loop, stamped with the time it arrived (see lifecycle/context.ts). */
type Queue = <T>(apply: () => Promise<T>) => Promise<T>;
type Transition<I> = (ctx: LifecycleContext, input: I) => Promise<UpdateResult>;
type Validator<I> = (s: HazardState, input: I, now: number, policy: Policy) => Refusal | null;

/**
 * The user actions: each update's validator (pure, hazard-validators.ts) runs before the update is
 * accepted; its transition (lifecycle/transitions, one module per concern) runs after. Past the
 * one-task-updates patch (`oneTask()`) the transition is queued for the main loop, which checks
 * the validator again on the state of its turn (an action queued behind another may no longer
 * apply: it is then refused, as the validator would have refused it).
 */
function registerUpdates(ctx: LifecycleContext, oneTask: () => boolean, queue: Queue): void {
  const on = <I>(update: UpdateDefinition<UpdateResult, [I]>, validate: Validator<I>, run: Transition<I>) => {
    const check = (i: I) => refuse(validate(ctx.s, i, ctx.now(), ctx.policy));
    setHandler(
      update,
      (i) =>
        oneTask()
          ? queue(async () => {
              check(i);
              return run(ctx, i);
            })
          : run(ctx, i),
      { validator: check },
    );
  };
  on(def.gradeUpdate, (s, i) => v.validateGrade(s, i), grade);
  on(def.listUpdate, v.validateList, list);
  on(def.submitPlanUpdate, (s, i) => v.validateSubmitPlan(s, i), submitPlan);
  on(def.decidePlanUpdate, (s, i) => v.validateDecidePlan(s, i), decidePlan);
  on(def.requestExtensionUpdate, v.validateRequestExtension, requestExtension);
  on(def.decideExtensionUpdate, (s, i) => v.validateDecideExtension(s, i), decideExtension);
  on(def.submitCompletionUpdate, (s, i) => v.validateSubmitCompletion(s, i), submitCompletion);
  on(def.reviewUpdate, (s, i, _now, policy) => v.validateReview(s, i, policy), review);
  on(def.withdrawUpdate, (s, i) => v.validateWithdraw(s, i), withdraw);
  on(
    def.recordProductionStopUpdate,
    (s, i) => v.validateProductionStop(s, i) ?? av.validateProductionStopBasis(s, i),
    recordProductionStop,
  );
  on(def.linkAccidentUpdate, (s, i, now) => v.validateLinkAccident(s, i, now), linkAccident);
  on(
    def.recordPenaltyUpdate,
    (s, i, now, policy) => v.validateRecordPenalty(s, i, now) ?? av.validatePenaltyBounds(s, i, policy),
    recordPenalty,
  );
  on(def.migratePolicyUpdate, v.validateMigratePolicy, migratePolicy);
  on(def.recordDiscoveryUpdate, (s, i) => v.validateRecordDiscovery(s, i), recordDiscovery);
  // Accountability (issue 18): documents on demand, notices published, interviews scheduled and held.
  on(def.issueLetterUpdate, av.validateIssueLetter, issueLetter);
  on(def.publishNoticeUpdate, (s, i, now) => av.validatePublishNotice(s, i, now), publishNotice);
  on(def.scheduleInterviewUpdate, (s, i) => av.validateScheduleInterview(s, i), scheduleInterview);
  on(def.holdInterviewUpdate, (s, i, now) => av.validateHoldInterview(s, i, now), holdInterview);
}

/**
 * 隐患整改生命周期 / hazard rectification lifecycle: one workflow per hazard (id `hazard-<hazardId>`),
 * from report to sign-off (销号) or withdrawal. Every user action is an update with a validator;
 * every step is recorded through `recordStep` with the read-model snapshot and domain events.
 * Timers (reminders, the overdue ladder, review windows, tracing) are alarms at instants computed
 * by the `shiftWorkingDays` activity, awaited by one loop that re-plans whenever state changes.
 */
export async function hazardLifecycleWorkflow(
  input: HazardLifecycleInput,
): Promise<{ status: HazardStatus; closedAt: string | null; steps: number }> {
  const policy = input.policy;
  const s = initialState(input, iso(Date.now()));
  // Issue 17.1: a hazard started past the patch applies its actions in this main loop, one at a
  // time, with its steps as local activities (lifecycle/action-queue.ts). One in flight takes it
  // at a turn of the loop when no handler is running, so that no transition straddles the switch.
  let oneTask = patched(PATCHES.oneTaskUpdates);
  if (oneTask) decideAllPatches(patched);
  const queue = new ActionQueue();
  const { ctx, version, tick } = createContext(s, policy, () => oneTask);
  // The loop is waiting (for a queued action or a timer), with no step in flight.
  let idle = false;
  const enqueue: Queue = (apply) => {
    // An action that arrives while the loop waits is stamped with the time of the task that
    // delivered it, the same in every replay; one that arrives while a step is in flight is not
    // (that time does not replay, see lifecycle/context.ts): it takes the hazard's clock as it is.
    const arrivedAt = idle ? Date.now() : null;
    return queue.submit(() => {
      if (arrivedAt !== null) tick(arrivedAt);
      return apply();
    });
  };
  /** `condition()`, marking the loop idle past the patch (before it, exactly the call it always was). */
  const waitFor = (changed: () => boolean, timeout?: number): Promise<boolean | void> => {
    if (!oneTask) return timeout === undefined ? condition(changed) : condition(changed, timeout);
    idle = true;
    const waiting = timeout === undefined ? condition(changed) : condition(changed, timeout);
    return waiting.finally(() => {
      idle = false;
    });
  };

  registerUpdates(ctx, () => oneTask, enqueue);
  setHandler(def.getStateQuery, () => toView(s, (a) => armed(s, a)));
  // A holiday notice was loaded: pending deadlines and timers are counted again (lifecycle/transitions/calendar.transition).
  const replan = calendarChanged(ctx);
  setHandler(calendarChangedSignal, (change) => (oneTask ? enqueue(() => replan(change)) : replan(change)));

  await ctx.record('reported', input.reportedBy, null, { location: s.location, photos: s.photos }, [
    {
      type: 'hazard.reported',
      payload: {
        source: s.source,
        description: s.description,
        enterpriseId: s.enterpriseId,
        jurisdictionPath: s.jurisdictionPath,
        location: s.location,
      },
    },
  ]);
  // The township owes the grading (定级) within the policy's deadline, unless it was graded meanwhile.
  if (s.status === 'reported') await openDecisionWindow(ctx, 'grading', 'township');

  // One timer at a time: wait for the soonest armed alarm, or re-plan when state changes. After a
  // listed hazard's sign-off the lifecycle stays until its delisting notice is published.
  while (isOpen(s.status) || awaitingPublication(s)) {
    if (!oneTask && allHandlersFinished() && patched(PATCHES.oneTaskUpdates)) {
      oneTask = true;
      tick(Date.now()); // a turn of the loop before the patch: no local activity precedes it
      decideAllPatches(patched);
    }
    if (oneTask && queue.size > 0) {
      await queue.applyNext();
      continue;
    }
    const seen = version();
    const next = nextArmed(s);
    // Past the patch only the loop changes the state: it wakes for a queued action instead.
    const changed = oneTask ? () => queue.size > 0 : () => version() !== seen;
    if (!next) {
      await waitFor(changed);
      continue;
    }
    const wait = Date.parse(next.at) - ctx.now();
    if (wait > 0) {
      if (await waitFor(changed, wait)) continue;
      if (oneTask) tick(Date.now()); // the timer fired: its task's time replays
    }
    if (!armed(s, next)) continue;
    next.firedAt = iso(ctx.now());
    await (ALARM_HANDLERS[next.kind] as (c: LifecycleContext, a: Alarm) => Promise<void>)(ctx, next);
  }
  // Actions that arrived with the one that closed the hazard are applied (or refused) in turn.
  while (oneTask && queue.size > 0) await queue.applyNext();
  // Let updates that closed the hazard finish writing before the workflow completes.
  await condition(allHandlersFinished);
  return { status: s.status, closedAt: s.closedAt, steps: s.seq };
}
