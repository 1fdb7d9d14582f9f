import type { UpdateDefinition } from '@temporalio/common';
import { allHandlersFinished, ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import { isOpen, type HazardStatus } from '@hazards/domain/hazard/hazard-status';
import { refusalMessage, type Refusal } from '@hazards/domain/rules/refusal';
import { calendarChangedSignal } from './calendar-replan.definitions';
import * as def from './hazard-lifecycle.definitions';
import type { Policy } from '@hazards/domain/policy/policy.schema';
import type { ActionEnvelope, Alarm, HazardLifecycleInput, HazardState, UpdateResult } from './hazard-lifecycle.types';
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
import { armed, awaitingPublication, nextArmed } from './lifecycle/alarms';
import { createContext, iso, type LifecycleContext } from './lifecycle/context';
import { openDecisionWindow } from './lifecycle/decision-window';
import { initialState } from './lifecycle/initial-state';
import { PATCHES } from './lifecycle/patches';
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

type Transition<I> = (ctx: LifecycleContext, input: I) => Promise<UpdateResult>;
type Validator<I> = (s: HazardState, input: I, now: number, policy: Policy) => Refusal | null;

/**
 * The user actions: each update's validator (pure, hazard-validators.ts) runs before the update is
 * accepted; its transition (lifecycle/transitions, one module per concern) runs after.
 */
function registerUpdates(ctx: LifecycleContext): void {
  // Actions whose transition is under way (accepted, not yet answered): another action waits for them (actions-in-turn).
  let underWay = 0;
  // Counts a transition until it settles, beside its promise (the same one is returned): a replay must see
  // each answer in the same turn as it was given.
  const inTurn = (running: Promise<UpdateResult>): Promise<UpdateResult> => {
    underWay += 1;
    const done = () => {
      underWay -= 1;
    };
    running.then(done, done);
    return running;
  };
  const on = <I extends ActionEnvelope>(update: UpdateDefinition<UpdateResult, [I]>, validate: Validator<I>, run: Transition<I>) => {
    const check = (i: I) => refuse(validate(ctx.s, i, ctx.now(), ctx.policy));
    setHandler(
      update,
      async (i) => {
        // The copy is for counting only: the transition sees the action without it (several keep their input whole).
        const { calendar, ...action } = i;
        ctx.receiveCalendar(calendar);
        // The report is step 1: an action sent while the report's grading window is still counted waits for it,
        // and is checked again after: another action accepted meanwhile (the same grade twice) may have come first.
        if (ctx.s.seq === 0 && ctx.patched(PATCHES.reportStepFirst)) {
          await condition(() => ctx.s.seq > 0);
          check(i);
        }
        // One action at a time: one that arrives while another is still counting its deadlines (say a review
        // while the completion it reviews counts its window) waits for it and is checked again. Several waiting
        // wake together, so each waits again until none is under way.
        if (underWay > 0 && ctx.patched(PATCHES.actionsInTurn)) {
          while (underWay > 0) await condition(() => underWay === 0);
          check(i);
        }
        if (!ctx.patched(PATCHES.answerWithSteps)) return inTurn(run(ctx, action as I));
        // Answered in the task that accepts it: the caller writes the steps it gets back (so does the activity).
        const answering = ctx.answering();
        const result = await inTurn(run(answering.ctx, action as I));
        return answering.steps.length ? { ...result, steps: answering.steps } : result;
      },
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
  const { ctx, version } = createContext(s, policy);

  registerUpdates(ctx);
  setHandler(def.getStateQuery, () => toView(s, (a) => armed(s, a)));
  // A holiday notice was loaded: pending deadlines and timers are counted again (lifecycle/transitions/calendar.transition).
  setHandler(calendarChangedSignal, calendarChanged(ctx));

  // The township owes the grading (定级) within the policy's deadline. Counted first, in this task, on
  // the report's calendar copy: one activity fewer, and the report's step carries the deadline.
  const windowAtReport = ctx.patched(PATCHES.gradingWindowAtReport);
  if (windowAtReport) {
    ctx.receiveCalendar(input.calendar);
    await openDecisionWindow(ctx, 'grading', 'township');
  }
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
  // Hazards reported before the patch opened it after their first step, unless graded meanwhile.
  if (!windowAtReport && s.status === 'reported') await openDecisionWindow(ctx, 'grading', 'township');

  // One timer at a time: wait for the soonest armed alarm, or re-plan when state changes. After a
  // listed hazard's sign-off the lifecycle stays until its delisting notice is published.
  while (isOpen(s.status) || awaitingPublication(s)) {
    const seen = version();
    const next = nextArmed(s);
    if (!next) {
      await condition(() => version() !== seen);
      continue;
    }
    const wait = Date.parse(next.at) - Date.now();
    if (wait > 0 && (await condition(() => version() !== seen, wait))) continue;
    if (!armed(s, next)) continue;
    next.firedAt = iso(Date.now());
    await (ALARM_HANDLERS[next.kind] as (c: LifecycleContext, a: Alarm) => Promise<void>)(ctx, next);
  }
  // Let updates that closed the hazard finish, and every step they answered with be written, before the workflow completes.
  await condition(allHandlersFinished);
  await ctx.writesSettled();
  return { status: s.status, closedAt: s.closedAt, steps: s.seq };
}
