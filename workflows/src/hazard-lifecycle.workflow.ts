import { allHandlersFinished, ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { DomainEventDraft } from '../../libs/events/src/domain-event';
import type { HazardActivities } from '../../libs/temporal/src/hazard-activities';
import { SYSTEM_ACTOR, type Actor } from '../../libs/domain/src/hazard/actor';
import { isOpen, type HazardStatus } from '../../libs/domain/src/hazard/hazard-status';
import { ESCALATION_ACTION_LABELS } from '../../libs/domain/src/policy/escalation-action';
import { checkArt113 } from '../../libs/domain/src/rules/art113.rule';
import { rectificationSchedule, rectificationWorkingDays, type ScheduledOffset } from '../../libs/domain/src/rules/deadline-schedule.rule';
import { levelAbove, nextListingLevel, type LevelAbove } from '../../libs/domain/src/rules/listing-ladder.rule';
import { refusalMessage, type Refusal } from '../../libs/domain/src/rules/refusal';
import { reviewLevelsFor, type ReviewLevel } from '../../libs/domain/src/rules/review-levels.rule';
import { accidentIsHeavier, tracingDueByRejections } from '../../libs/domain/src/rules/tracing.rule';
import {
  decideExtensionUpdate, decidePlanUpdate, getStateQuery, gradeUpdate, linkAccidentUpdate, listUpdate, recordPenaltyUpdate,
  recordProductionStopUpdate, requestExtensionUpdate, reviewUpdate, submitCompletionUpdate, submitPlanUpdate, withdrawUpdate,
} from './hazard-lifecycle.definitions';
import type { Alarm, AlarmKind, EscalationRecord, HazardLifecycleInput, HazardState, TracingTrigger, UpdateResult } from './hazard-lifecycle.types';
import {
  validateDecideExtension, validateDecidePlan, validateGrade, validateLinkAccident, validateList, validateProductionStop,
  validateRecordPenalty, validateRequestExtension, validateReview, validateSubmitCompletion, validateSubmitPlan, validateWithdraw,
} from './hazard-validators';
import { currentDeadline, toSnapshot, toView } from './hazard-view.builder';
import { calendarChangedSignal } from './calendar-replan.definitions';
import { calendarReplanner } from './calendar-replan.transition';

// Writes are retried until they succeed: a step that is never recorded would break the audit trail.
const { recordStep } = proxyActivities<HazardActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
// Calendar arithmetic lives outside the workflow: the calendar data can change without breaking replay.
const { shiftWorkingDays } = proxyActivities<HazardActivities>({ startToCloseTimeout: '10 seconds' });

const DAY_MS = 24 * 3600 * 1000;
const RUNNING: HazardStatus[] = ['listed', 'plan_submitted', 'rectifying'];
const iso = (ms: number) => new Date(ms).toISOString();
const who = (a: Actor) => a.userId;

/** Turns a refusal into the update's synchronous rejection: `中文 / English` plus a stable code. */
function refuse(r: Refusal | null): void {
  if (r) throw ApplicationFailure.create({ type: r.type, message: refusalMessage(r), nonRetryable: true, details: [r] });
}

/**
 * 隐患整改生命周期 / hazard rectification lifecycle: one workflow per hazard (id `hazard-<hazardId>`),
 * from report to sign-off (销号) or withdrawal. Every user action is an update with a validator;
 * every step is recorded through `recordStep` with the read-model snapshot and domain events.
 * Timers (reminders, the overdue ladder, review windows, tracing) are instants computed by the
 * `shiftWorkingDays` activity and awaited by a single loop that re-plans whenever state changes.
 */
export async function hazardLifecycleWorkflow(input: HazardLifecycleInput): Promise<{ status: HazardStatus; closedAt: string | null; steps: number }> {
  const policy = input.policy;
  const startedAt = iso(Date.now());
  const s: HazardState = {
    hazardId: input.hazardId,
    enterpriseId: input.enterpriseId,
    jurisdictionPath: input.jurisdictionPath,
    source: input.source,
    description: input.description,
    location: input.location ?? null,
    photos: input.photos ?? [],
    reportedBy: input.reportedBy,
    reportedAt: startedAt,
    policyVersion: policy.version,
    status: 'reported',
    grade: null,
    accidentType: null,
    industry: null,
    criterion: null,
    cause: null,
    generalMode: null,
    listing: null,
    plan: null,
    planDecisions: [],
    deadlines: { planDue: null, rectification: null, extensionRequestCutoff: null, extensionDecisionDue: null },
    extensions: [],
    completions: [],
    review: null,
    reviews: [],
    rejectionCount: 0,
    escalationStage: 0,
    escalations: [],
    production: { stopped: false, scope: null, changes: [] },
    accidents: [],
    heavierAccountability: false,
    penalties: [],
    closureRecommendedAt: null,
    tracing: null,
    withdrawal: null,
    closedAt: null,
    alarms: [],
    timeline: [],
    seq: 0,
  };

  // Bumped on every change; the timer loop re-plans when it moves.
  let version = 0;
  const touch = () => {
    version += 1;
  };
  let alarmCounter = 0;

  /**
   * Records one step. The seq, timeline entry and snapshot are taken synchronously, so steps keep
   * their order even when handlers interleave; the returned promise resolves once the row is written.
   */
  const record = async (step: string, actor: Actor, fromStatus: HazardStatus | null, data: Record<string, unknown>, events: DomainEventDraft[], reason?: string): Promise<number> => {
    const seq = ++s.seq;
    const at = iso(Date.now());
    s.timeline.push({ seq, step, at, actor: { userId: actor.userId, role: actor.role, name: actor.name }, fromStatus, toStatus: s.status, reason });
    touch();
    await recordStep({
      hazardId: s.hazardId, seq, step, actor, at, fromStatus, toStatus: s.status, reason, policyVersion: s.policyVersion,
      data, snapshot: toSnapshot(s), events,
    });
    return seq;
  };
  const result = (seq: number): UpdateResult => ({ seq, status: s.status, currentDeadline: currentDeadline(s), rectificationDeadline: s.deadlines.rectification });

  // ---- timers ----------------------------------------------------------------------------------

  const armed = (a: Alarm): boolean => {
    if (a.firedAt || !isOpen(s.status)) return false;
    switch (a.kind) {
      case 'plan_due':
      case 'plan_reminder':
        return s.status === 'listed';
      case 'rectification_reminder':
      case 'ladder':
        return RUNNING.includes(s.status);
      case 'tracing_overdue':
        return RUNNING.includes(s.status) && s.tracing === null;
      case 'review_reminder':
      case 'review_due':
        return s.status === 'submitted' && s.review !== null && s.review.round === a.round && s.review.levels[s.review.index] === a.level;
      case 'extension_decision_due':
        return RUNNING.includes(s.status) && s.extensions.some((e) => e.decision === null);
    }
  };
  const nextArmed = (): Alarm | undefined =>
    s.alarms.filter(armed).sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id))[0];
  const addAlarm = (a: Omit<Alarm, 'id'>) => s.alarms.push({ id: `${a.kind}-${++alarmCounter}`, ...a });
  /** Drops pending alarms of these kinds (fired ones stay, as a record of what happened). */
  const dropAlarms = (kinds: AlarmKind[]) => {
    s.alarms = s.alarms.filter((a) => a.firedAt !== undefined || !kinds.includes(a.kind));
  };

  /** Sets deadlines and alarms from one batch of working-day offsets (one activity call). */
  const applySchedule = (items: ScheduledOffset[], instants: string[], now: number) => {
    const kinds = new Set<AlarmKind>();
    items.forEach(({ item }) => {
      if (item.kind === 'plan_due') kinds.add('plan_due').add('plan_reminder');
      if (item.kind === 'rectification_due') kinds.add('rectification_reminder').add('ladder').add('tracing_overdue');
    });
    dropAlarms([...kinds]);
    items.forEach(({ item }, i) => {
      const at = instants[i];
      switch (item.kind) {
        case 'plan_due':
          s.deadlines.planDue = at;
          addAlarm({ kind: 'plan_due', at });
          break;
        case 'rectification_due':
          s.deadlines.rectification = at;
          break;
        case 'extension_cutoff':
          s.deadlines.extensionRequestCutoff = at;
          break;
        case 'plan_reminder':
        case 'rectification_reminder':
          // A reminder that would fall before now (a short deadline) is simply not sent.
          if (Date.parse(at) > now) addAlarm({ kind: item.kind, at, daysBefore: item.daysBefore });
          break;
        case 'ladder':
          if (item.stage > s.escalationStage) {
            addAlarm({ kind: 'ladder', at, stage: item.stage, action: item.action, afterOverdueWorkingDays: item.afterOverdueWorkingDays });
          }
          break;
        case 'tracing_overdue':
          addAlarm({ kind: 'tracing_overdue', at, afterOverdueWorkingDays: item.afterOverdueWorkingDays });
          break;
      }
    });
    touch();
  };

  /** Opens the review window of the current level (order 16 art 23: 10日内) and its reminders. */
  const startReviewWindow = async () => {
    const review = s.review!;
    const level = review.levels[review.index];
    const round = review.round;
    const now = Date.now();
    const w = policy.review.window;
    const before = policy.reminders.reviewDue;
    let dueAt: string;
    let reminders: string[] = [];
    if (w.unit === 'calendar') {
      dueAt = iso(now + w.days * DAY_MS);
      review.dueAt = dueAt;
      if (before.length > 0) reminders = await shiftWorkingDays({ from: dueAt, offsets: before.map((r) => -r) });
    } else {
      const out = await shiftWorkingDays({ from: iso(now), offsets: [w.days, ...before.map((r) => w.days - r)] });
      dueAt = out[0];
      reminders = out.slice(1);
    }
    if (s.review?.round !== round || s.review.levels[s.review.index] !== level) return; // moved on meanwhile
    s.review.dueAt = dueAt;
    reminders.forEach((at, i) => {
      if (Date.parse(at) > now) addAlarm({ kind: 'review_reminder', at, round, level, daysBefore: before[i] });
    });
    if (policy.review.missedWindow === 'escalate_to_level_above') addAlarm({ kind: 'review_due', at: dueAt, round, level });
    touch();
  };

  const escalate = (e: Omit<EscalationRecord, 'at'>): DomainEventDraft => {
    const record: EscalationRecord = { ...e, at: iso(Date.now()) };
    s.escalations.push(record);
    return { type: 'escalation.raised', payload: { ...record } };
  };

  /** 责任倒查: names the enterprise's and the supervising department's responsibility. */
  const trace = (trigger: TracingTrigger, extra: Record<string, unknown> = {}): DomainEventDraft => {
    const detail = {
      trigger,
      ...extra,
      rejectionCount: s.rejectionCount,
      escalationStage: s.escalationStage,
      rectificationDeadline: s.deadlines.rectification,
      heavier: s.heavierAccountability,
      enterprise: {
        enterpriseId: s.enterpriseId,
        responsible: '主要负责人 (principal person in charge)',
        planResponsible: s.plan?.plan.responsibleBodyAndPeople ?? null,
      },
      supervisingDepartment: {
        authority: s.listing?.authority ?? null,
        leadDepartment: s.listing?.leadDepartment ?? null,
        listingLevel: s.listing?.level ?? null,
        jurisdictionPath: s.jurisdictionPath,
        rejectedBy: s.reviews.filter((r) => r.result === 'reject').map((r) => ({ level: r.level, by: r.by, at: r.at })),
      },
    };
    s.tracing = { at: iso(Date.now()), trigger, detail };
    return { type: 'accountability.traced', payload: detail };
  };

  const fire = async (a: Alarm) => {
    const now = Date.now();
    a.firedAt = iso(now);
    touch();
    const status = s.status;
    switch (a.kind) {
      case 'plan_reminder':
      case 'rectification_reminder':
      case 'review_reminder': {
        const deadline = a.kind === 'plan_reminder' ? s.deadlines.planDue : a.kind === 'review_reminder' ? s.review?.dueAt ?? null : s.deadlines.rectification;
        if (deadline === null || Date.parse(deadline) <= now) return; // stale: the deadline itself has passed
        const which = a.kind === 'plan_reminder' ? 'plan' : a.kind === 'review_reminder' ? 'review' : 'rectification';
        const payload = { deadline: which, dueAt: deadline, daysBefore: a.daysBefore, level: a.level ?? null, enterpriseId: s.enterpriseId, jurisdictionPath: s.jurisdictionPath };
        await record('reminder', SYSTEM_ACTOR, status, payload, [{ type: 'reminder.due', payload }]);
        return;
      }
      case 'plan_due': {
        const ev = escalate({ kind: 'plan_overdue', escalatedTo: s.listing?.level, detail: { planDue: s.deadlines.planDue } });
        await record('escalation', SYSTEM_ACTOR, status, { kind: 'plan_overdue' }, [ev], '治理方案逾期未提交 / plan overdue');
        return;
      }
      case 'ladder': {
        s.escalationStage = Math.max(s.escalationStage, a.stage!);
        const action = a.action!;
        const detail: Record<string, unknown> = { afterOverdueWorkingDays: a.afterOverdueWorkingDays, label: ESCALATION_ACTION_LABELS[action], rectificationDeadline: s.deadlines.rectification };
        let escalatedTo: LevelAbove | undefined;
        if (action === 'relist_up' && s.listing) {
          const to = nextListingLevel(s.listing.level);
          if (to) {
            // Relisting raises the listing level, and with it the review levels of the next submission.
            s.listing.relistings.push({ from: s.listing.level, to, at: a.firedAt });
            detail.relistedFrom = s.listing.level;
            s.listing.level = to;
            escalatedTo = to;
          } else {
            detail.relistedFrom = s.listing.level;
            detail.note = '已为市级挂牌，无更高挂牌层级，报告省级 / already listed by the city; reported to the province';
            escalatedTo = 'province';
          }
        }
        const ev = escalate({ kind: 'overdue_ladder', stage: a.stage, action, escalatedTo, detail });
        const label = ESCALATION_ACTION_LABELS[action];
        await record('escalation', SYSTEM_ACTOR, status, { stage: a.stage, action, ...detail }, [ev], `逾期第${a.stage}级：${label.zh} / overdue stage ${a.stage}: ${label.en}`);
        return;
      }
      case 'tracing_overdue': {
        const ev = trace('overdue');
        await record('accountability.traced', SYSTEM_ACTOR, status, { trigger: 'overdue', afterOverdueWorkingDays: a.afterOverdueWorkingDays }, [ev], '长期逾期，责任倒查 / long overdue: responsibility traced');
        return;
      }
      case 'review_due': {
        // 一岗双责: the reviewer missed its window; the level above is told and may take the review over.
        const level = a.level!;
        const to: LevelAbove = level === 'verification' ? 'county' : levelAbove(level);
        if (s.review) s.review.escalatedTo = to;
        const ev = escalate({ kind: 'review_window_missed', escalatedTo: to, detail: { level, dueAt: a.at, round: a.round } });
        await record('escalation', SYSTEM_ACTOR, status, { kind: 'review_window_missed', level, escalatedTo: to }, [ev], `${level}级复核超期，提级至${to} / ${level} review window missed, escalated to ${to}`);
        return;
      }
      case 'extension_decision_due': {
        const to: LevelAbove = s.listing ? levelAbove(s.listing.level) : 'county';
        const ev = escalate({ kind: 'extension_decision_overdue', escalatedTo: to, detail: { decisionDue: a.at } });
        await record('escalation', SYSTEM_ACTOR, status, { kind: 'extension_decision_overdue', escalatedTo: to }, [ev], '延期申请超期未答复 / extension decision overdue');
        return;
      }
    }
  };

  // ---- updates ---------------------------------------------------------------------------------

  setHandler(
    gradeUpdate,
    async (i) => {
      const from = s.status;
      const now = Date.now();
      s.grade = i.grade;
      s.accidentType = i.accidentType;
      s.industry = i.industry;
      s.criterion = i.criterion ?? null;
      s.cause = i.cause ?? null;
      s.status = i.grade === 'major' ? 'awaiting_listing' : 'rectifying';
      touch();
      if (i.grade === 'general') {
        // 能够整改的，立即整改: the deadline starts now.
        s.generalMode = i.generalMode ?? 'immediate';
        const items = rectificationSchedule(policy, { grade: 'general', rectificationWorkingDays: rectificationWorkingDays(policy, { grade: 'general', generalMode: s.generalMode }) });
        applySchedule(items, await shiftWorkingDays({ from: iso(now), offsets: items.map((x) => x.offset) }), now);
      }
      const data = { grade: i.grade, accidentType: i.accidentType, industry: i.industry, criterion: s.criterion, generalMode: s.generalMode, cause: s.cause };
      return result(await record('graded', i.actor, from, data, [{ type: 'hazard.graded', payload: { ...data, rectificationDeadline: s.deadlines.rectification } }]));
    },
    { validator: (i) => refuse(validateGrade(s, i)) },
  );

  setHandler(
    listUpdate,
    async (i) => {
      const from = s.status;
      const now = Date.now();
      const { actor, ...listing } = i;
      s.listing = { ...listing, listedAt: iso(now), listedBy: who(actor), relistings: [] };
      s.status = 'listed';
      touch();
      const days = rectificationWorkingDays(policy, { grade: 'major', listingLevel: i.level, requested: i.deadlineWorkingDays });
      const items = rectificationSchedule(policy, { grade: 'major', rectificationWorkingDays: days, planWorkingDays: policy.plan.dueWorkingDaysAfterListing });
      applySchedule(items, await shiftWorkingDays({ from: iso(now), offsets: items.map((x) => x.offset) }), now);
      const payload = { ...s.listing, planDue: s.deadlines.planDue, rectificationDeadline: s.deadlines.rectification, publishWithinWorkingDays: policy.publication.listingWithinWorkingDays };
      return result(await record('listed', actor, from, payload, [{ type: 'hazard.listed', payload }]));
    },
    { validator: (i) => refuse(validateList(s, i, Date.now(), policy)) },
  );

  setHandler(
    submitPlanUpdate,
    async (i) => {
      const from = s.status;
      const now = iso(Date.now());
      const { actor, ...plan } = i;
      s.plan = { ...plan, submittedAt: now, submittedBy: who(actor) };
      s.status = 'plan_submitted';
      const events: DomainEventDraft[] = [{ type: 'hazard.plan_submitted', payload: { productionStopped: i.productionStopped, planDue: s.deadlines.planDue } }];
      if (i.productionStopped && !s.production.stopped) {
        // 一时不能整改到位的，必须立即停产: the plan declares the stop, which is recorded as such.
        s.production = { stopped: true, scope: i.stopScope ?? null, changes: [...s.production.changes, { action: 'ordered', scope: i.stopScope ?? null, at: now, by: who(actor), reason: '治理方案声明停产 / declared in the plan' }] };
        events.push({ type: 'hazard.production_stop_changed', payload: { action: 'ordered', scope: i.stopScope ?? null, declaredBy: 'enterprise' } });
      }
      touch();
      return result(await record('plan.submitted', actor, from, { ...plan }, events));
    },
    { validator: (i) => refuse(validateSubmitPlan(s, i)) },
  );

  setHandler(
    decidePlanUpdate,
    async (i) => {
      const from = s.status;
      s.planDecisions.push({ decision: i.decision, reason: i.reason ?? null, at: iso(Date.now()), by: who(i.actor) });
      s.status = i.decision === 'approve' ? 'rectifying' : 'listed';
      touch();
      const payload = { decision: i.decision, reason: i.reason ?? null, rectificationDeadline: s.deadlines.rectification };
      return result(await record(i.decision === 'approve' ? 'plan.approved' : 'plan.returned', i.actor, from, payload, [{ type: 'hazard.plan_decided', payload }], i.reason));
    },
    { validator: (i) => refuse(validateDecidePlan(s, i)) },
  );

  setHandler(
    requestExtensionUpdate,
    async (i) => {
      const now = Date.now();
      s.extensions.push({
        requestedAt: iso(now), requestedBy: who(i.actor), workingDays: i.workingDays, reason: i.reason,
        decision: null, decidedAt: null, decidedBy: null, decisionReason: null, approvedWorkingDays: null, previousDeadline: s.deadlines.rectification, newDeadline: null,
      });
      touch();
      const [decisionDue] = await shiftWorkingDays({ from: iso(now), offsets: [policy.extension.decisionWindowWorkingDays] });
      s.deadlines.extensionDecisionDue = decisionDue;
      addAlarm({ kind: 'extension_decision_due', at: decisionDue });
      touch();
      const payload = { workingDays: i.workingDays, reason: i.reason, rectificationDeadline: s.deadlines.rectification, decisionDue };
      return result(await record('extension.requested', i.actor, s.status, payload, [{ type: 'hazard.extension_requested', payload }], i.reason));
    },
    { validator: (i) => refuse(validateRequestExtension(s, i, Date.now(), policy)) },
  );

  setHandler(
    decideExtensionUpdate,
    async (i) => {
      const now = Date.now();
      const ext = s.extensions.find((e) => e.decision === null)!;
      ext.decision = i.decision;
      ext.decidedAt = iso(now);
      ext.decidedBy = who(i.actor);
      ext.decisionReason = i.reason ?? null;
      s.deadlines.extensionDecisionDue = null;
      touch();
      const events: DomainEventDraft[] = [];
      if (i.decision === 'approve') {
        // Extending moves the deadline and every timer hanging on it: reminders, cutoff, ladder, tracing.
        const days = i.workingDays ?? ext.workingDays;
        ext.approvedWorkingDays = days;
        const previous = s.deadlines.rectification!;
        const items = rectificationSchedule(policy, { grade: s.grade!, rectificationWorkingDays: days });
        applySchedule(items, await shiftWorkingDays({ from: previous, offsets: items.map((x) => x.offset) }), now);
        ext.newDeadline = s.deadlines.rectification;
      }
      const approved = s.extensions.filter((e) => e.decision === 'approve').length;
      const payload = { decision: i.decision, reason: i.reason ?? null, approvedWorkingDays: ext.approvedWorkingDays, previousDeadline: ext.previousDeadline, newDeadline: ext.newDeadline, extensionCount: approved };
      events.push({ type: 'hazard.extension_decided', payload });
      if (i.decision === 'approve' && approved === policy.extension.escalateAtCount) {
        // Repeated extension is itself an escalation (domain rule 6).
        events.push(escalate({ kind: 'repeated_extension', escalatedTo: s.listing ? levelAbove(s.listing.level) : 'county', detail: { extensionCount: approved } }));
      }
      return result(await record(i.decision === 'approve' ? 'extension.approved' : 'extension.refused', i.actor, s.status, payload, events, i.reason));
    },
    { validator: (i) => refuse(validateDecideExtension(s, i)) },
  );

  setHandler(
    submitCompletionUpdate,
    async (i) => {
      const from = s.status;
      const now = iso(Date.now());
      const round = s.completions.length + 1;
      const { actor, ...completion } = i;
      s.completions.push({ ...completion, submittedAt: now, submittedBy: who(actor), round });
      s.status = 'submitted';
      s.review = { round, levels: reviewLevelsFor(policy, s.grade!, s.listing?.level ?? null), index: 0, startedAt: now, dueAt: null, escalatedTo: null };
      touch();
      await startReviewWindow();
      const payload = { round, evidenceFileIds: i.evidenceFileIds, assessment: i.assessment ?? null, reviewLevels: s.review.levels, reviewDue: s.review.dueAt };
      return result(await record('completion.submitted', actor, from, payload, [{ type: 'hazard.completion_submitted', payload }]));
    },
    { validator: (i) => refuse(validateSubmitCompletion(s, i)) },
  );

  setHandler(
    reviewUpdate,
    async (i) => {
      const from = s.status;
      const now = iso(Date.now());
      const review = s.review!;
      const level: ReviewLevel = review.levels[review.index];
      s.reviews.push({ round: review.round, level, result: i.result, reason: i.reason ?? null, at: now, by: who(i.actor), onSiteAt: i.onSiteAt ?? null });
      const reviewed = { round: review.round, level, result: i.result, reason: i.reason ?? null, reviewer: who(i.actor), escalatedTo: review.escalatedTo };
      const events: DomainEventDraft[] = [{ type: 'hazard.reviewed', payload: reviewed }];
      let step = 'reviewed';
      if (i.result === 'reject') {
        // Any rejection sends the hazard back to rectification with the reason.
        s.rejectionCount += 1;
        s.status = 'rectifying';
        s.review = null;
        step = 'review.rejected';
        if (tracingDueByRejections(policy, s.rejectionCount, s.tracing !== null)) events.push(trace('rejections'));
        touch();
      } else if (review.index + 1 < review.levels.length) {
        review.index += 1;
        review.escalatedTo = null;
        review.dueAt = null;
        step = 'review.passed';
        touch();
        await startReviewWindow();
      } else {
        // 闭环销号, and 摘牌 for a listed hazard, both published.
        s.status = 'closed';
        s.closedAt = now;
        s.review = { ...review, dueAt: null };
        step = 'closed';
        events.push({ type: 'hazard.closed', payload: { closedAt: now, delisted: s.listing !== null, listingLevel: s.listing?.level ?? null, publishWithinWorkingDays: policy.publication.closureWithinWorkingDays } });
        touch();
      }
      return result(await record(step, i.actor, from, reviewed, events, i.reason));
    },
    { validator: (i) => refuse(validateReview(s, i, policy)) },
  );

  setHandler(
    withdrawUpdate,
    async (i) => {
      const from = s.status;
      s.withdrawal = { kind: i.kind, reason: i.reason, duplicateOf: i.duplicateOf ?? null, at: iso(Date.now()), by: who(i.actor) };
      s.status = 'withdrawn';
      touch();
      const payload = { kind: i.kind, reason: i.reason, duplicateOf: i.duplicateOf ?? null };
      return result(await record('withdrawn', i.actor, from, payload, [{ type: 'hazard.withdrawn', payload }], i.reason));
    },
    { validator: (i) => refuse(validateWithdraw(s, i)) },
  );

  setHandler(
    recordProductionStopUpdate,
    async (i) => {
      const scope = i.scope ?? null;
      s.production = {
        stopped: i.action === 'ordered',
        scope: i.action === 'ordered' ? scope : null,
        changes: [...s.production.changes, { action: i.action, scope, at: iso(Date.now()), by: who(i.actor), reason: i.reason ?? null }],
      };
      touch();
      const payload = { action: i.action, scope, reason: i.reason ?? null, by: i.actor.role };
      return result(await record(i.action === 'ordered' ? 'production.stopped' : 'production.resumed', i.actor, s.status, payload, [{ type: 'hazard.production_stop_changed', payload }], i.reason));
    },
    { validator: (i) => refuse(validateProductionStop(s, i)) },
  );

  setHandler(
    linkAccidentUpdate,
    async (i) => {
      // 隐患整治期间发生事故的，从重追究: heavier accountability for the region, department and enterprise.
      const heavier = accidentIsHeavier(policy, s.status);
      const { actor, ...accident } = i;
      s.accidents.push({ ...accident, linkedAt: iso(Date.now()), heavier });
      const events: DomainEventDraft[] = [{ type: 'hazard.accident_linked', payload: { ...accident, heavier, statusAtAccident: s.status } }];
      if (heavier) {
        s.heavierAccountability = true;
        events.push(trace('accident_during_rectification', { accidentId: i.accidentId }));
      }
      touch();
      return result(await record('accident.linked', actor, s.status, { ...accident, heavier }, events));
    },
    { validator: (i) => refuse(validateLinkAccident(s, i, Date.now())) },
  );

  setHandler(
    recordPenaltyUpdate,
    async (i) => {
      const now = Date.now();
      const { actor, ...penalty } = i;
      const decidedAt = i.decidedAt ?? iso(now);
      s.penalties.push({ ...penalty, decidedAt, recordedAt: iso(now) });
      const events: DomainEventDraft[] = [{ type: 'hazard.penalty_recorded', payload: { ...penalty, decidedAt } }];
      const art113 = checkArt113(policy, s.grade, s.penalties.map((p) => p.decidedAt), now);
      if (art113.triggered && s.closureRecommendedAt === null) {
        // Safety Law art 113: repeated penalties on a major hazard → proposal to close the business.
        s.closureRecommendedAt = iso(now);
        events.push({ type: 'closure.recommended', payload: { law: '《安全生产法》第一百一十三条 / Safety Law art 113', threshold: art113.threshold, penalties: art113.counted, enterpriseId: s.enterpriseId } });
      }
      touch();
      return result(await record('penalty.recorded', actor, s.status, { ...penalty, decidedAt, closureRecommended: art113.triggered }, events));
    },
    { validator: (i) => refuse(validateRecordPenalty(s, i, Date.now())) },
  );

  setHandler(getStateQuery, () => toView(s, armed));

  // A calendar change (a holiday notice loaded): pending deadlines and timers counted again.
  setHandler(calendarChangedSignal, calendarReplanner({ s, policy, isArmed: armed, record }));

  // ---- the lifecycle ---------------------------------------------------------------------------

  await record('reported', input.reportedBy, null, { location: s.location, photos: s.photos }, [
    { type: 'hazard.reported', payload: { source: s.source, description: s.description, enterpriseId: s.enterpriseId, jurisdictionPath: s.jurisdictionPath, location: s.location } },
  ]);

  // One timer at a time: wait for the soonest armed alarm, or re-plan when state changes.
  while (isOpen(s.status)) {
    const seen = version;
    const next = nextArmed();
    if (!next) {
      await condition(() => version !== seen);
      continue;
    }
    const wait = Date.parse(next.at) - Date.now();
    if (wait > 0 && (await condition(() => version !== seen, wait))) continue;
    if (armed(next)) await fire(next);
  }
  // Let updates that closed the hazard finish writing before the workflow completes.
  await condition(allHandlersFinished);
  return { status: s.status, closedAt: s.closedAt, steps: s.seq };
}
