import type { CalendarCopy } from '@hazards/domain/calendar/calendar-copy';
import type { DeadlineMove } from '@hazards/domain/calendar/deadline-moves';
import type { Actor } from '@hazards/domain/hazard/actor';
import type { HazardStatus } from '@hazards/domain/hazard/hazard-status';
import type { RectificationPlan } from '@hazards/domain/hazard/rectification-plan';
import type { AccidentType, Grade, HazardSource, ListingLevel } from '@hazards/domain/hazard/vocabulary';
import type { EscalationAction } from '@hazards/domain/policy/escalation-action';
import type { Policy } from '@hazards/domain/policy/policy.schema';
import type { LevelAbove } from '@hazards/domain/rules/listing-ladder.rule';
import type { ReviewLevel } from '@hazards/domain/rules/review-levels.rule';
import type { RecordStepInput } from '@hazards/temporal/hazard-activities';
import type { DocumentRef, InterviewState, NoticeState } from './accountability.types';

/** Workflow input: the reported hazard (上报) and the full policy it runs under (version recorded). */
export interface HazardLifecycleInput {
  hazardId: string;
  enterpriseId: string;
  jurisdictionPath: string[];
  source: HazardSource;
  description: string;
  reportedBy: Actor;
  location?: string;
  photos?: string[];
  policy: Policy;
  /** The API's calendar copy (calendar-copy.ts): the grading window is counted on it in the first workflow task. */
  calendar?: CalendarCopy;
}

// ---- update arguments: every one carries the acting user --------------------------------------

/**
 * What every action carries besides its own fields: the acting user and, sent by the API, a copy of
 * the working-day calendar (calendar-copy.ts). With the copy, the deadlines the action sets are
 * counted in the workflow task it arrives in instead of by the `shiftWorkingDays` activity.
 */
export interface ActionEnvelope {
  actor: Actor;
  calendar?: CalendarCopy;
}

/** 定级: general (一般) or major (重大, with the 判定标准 standard and item that matched). */
export interface GradeInput {
  actor: Actor;
  grade: Grade;
  accidentType: AccidentType;
  industry: string;
  criterion?: { standard: string; item: string };
  /** General hazards: 立即整改 (immediate, default) or a short deadline. */
  generalMode?: 'immediate' | 'short';
  cause?: string;
}

/** 挂牌督办: the level's government lists the hazard, names the lead department and publishes it. */
export interface ListInput {
  actor: Actor;
  level: ListingLevel;
  authority: string;
  leadDepartment: string;
  /** When the listing was published (公布); ISO. */
  publishedAt?: string;
  orderNumber?: string;
  /** A shorter deadline than the policy default, in working days after listing (capped by policy). */
  deadlineWorkingDays?: number;
}

/** 治理方案, six parts (order 16 art 15). */
export { PLAN_PARTS, type RectificationPlan } from '@hazards/domain/hazard/rectification-plan';

export interface SubmitPlanInput {
  actor: Actor;
  plan: RectificationPlan;
  /** 防范措施 while the hazard is not yet removed. */
  interimMeasures: string;
  productionStopped: boolean;
  stopScope?: string;
}

export interface DecidePlanInput {
  actor: Actor;
  decision: 'approve' | 'return';
  reason?: string;
}

export interface RequestExtensionInput {
  actor: Actor;
  workingDays: number;
  reason: string;
}

export interface DecideExtensionInput {
  actor: Actor;
  decision: 'approve' | 'refuse';
  /** Approved length, at most the requested one; defaults to the requested one. */
  workingDays?: number;
  reason?: string;
}

/** 整改完成, with evidence and the assessment (self: own experts; third_party: a qualified assessor). */
export interface SubmitCompletionInput {
  actor: Actor;
  evidenceFileIds: string[];
  assessment?: { by: 'self' | 'third_party'; assessorName?: string; reportFileId?: string; conclusion: string };
  summary?: string;
}

export interface ReviewInput {
  actor: Actor;
  /** The level being reviewed; must be the current one (see getState().review). */
  level?: ReviewLevel;
  result: 'pass' | 'reject';
  reason?: string;
  onSiteAt?: string;
}

export interface WithdrawInput {
  actor: Actor;
  kind: 'duplicate' | 'false';
  reason: string;
  duplicateOf?: string;
}

/** 重复隐患合并: another report of this hazard (withdrawn as its duplicate) is recorded as one more discovery. */
export interface RecordDiscoveryInput {
  actor: Actor;
  duplicateHazardId: string;
  source: string;
  reportedAt: string;
}

/** One more source that reported the hazard (a merged duplicate): statistics by source count each. */
export interface Discovery {
  hazardId: string;
  source: string;
  reportedAt: string;
  mergedAt: string;
  mergedBy: string;
}

export interface ProductionStopInput {
  actor: Actor;
  action: 'ordered' | 'lifted';
  scope?: string;
  reason?: string;
  /** The document it follows from (a 停产整顿建议书 of this hazard). */
  basisDocumentId?: string;
}

export interface LinkAccidentInput {
  actor: Actor;
  accidentId: string;
  occurredAt: string;
  description: string;
  casualties?: { deaths?: number; injuries?: number };
}

export interface RecordPenaltyInput {
  actor: Actor;
  /** e.g. 《安全生产法》第一百零二条 */
  lawArticle: string;
  amountYuan: number;
  decisionNumber?: string;
  /** When the penalty decision was made (ISO); defaults to now. Counts for art 113. */
  decidedAt?: string;
  /** Who is fined: the enterprise (default) or its directly responsible people (art 102's second range). */
  subject?: 'enterprise' | 'responsible_person';
  subjectName?: string;
  /** The document it follows from (a 停产整顿建议书 or 督办函 of this hazard). */
  basisDocumentId?: string;
}

/**
 * 策略迁移: an admin moves the running hazard to a newer policy version (`npm run cli -- policy
 * migrate`, `POST /admin/policy-migrations`). The whole policy travels with the update, so the history
 * holds what the hazard runs under from then on.
 */
export interface MigratePolicyInput {
  actor: Actor;
  /** The new policy, validated by the sender (parsePolicy). */
  policy: Policy;
  reason: string;
  /** The migration run that sent it, recorded with the step. */
  migrationId?: string;
}

/** What every update answers: the step it wrote and where the hazard is now. */
export interface UpdateResult {
  seq: number;
  status: HazardStatus;
  currentDeadline: string | null;
  rectificationDeadline: string | null;
  /**
   * The steps the action recorded whose writes were scheduled but not awaited (patch
   * `answer-with-steps`): the caller writes them before it answers, so the read model is never
   * behind an answer. Absent for histories from before the patch (the steps were written already).
   */
  steps?: RecordStepInput[];
}

/** An instant a policy migration added, removed, or skipped (a stage the hazard's ladder has already passed). */
export interface ScheduledInstant {
  kind: DeadlineMove['kind'];
  at: string;
  daysBefore?: number;
  stage?: number;
  action?: EscalationAction;
}

/** What a policy migration changed in the hazard's schedule (recorded in its `policy_migrated` step). */
export interface PolicyMigrationChanges {
  moved: DeadlineMove[];
  added: ScheduledInstant[];
  removed: ScheduledInstant[];
  skipped: ScheduledInstant[];
}

/** What the `migratePolicy` update answers. */
export type PolicyMigrationResult = UpdateResult & PolicyMigrationChanges & { fromVersion: string; toVersion: string };

// ---- state -------------------------------------------------------------------------------------

export type AlarmKind = Alarm['kind'];

interface AlarmBase {
  /** `${kind}-${n}`: unique in the workflow; ties between alarms due at one instant go by id. */
  id: string;
  /** When it is due (ISO), computed by the shiftWorkingDays activity or the review window. */
  at: string;
  /** Set when it fired; fired alarms stay in the list as a record of what happened. */
  firedAt?: string;
}

/**
 * A future instant the workflow waits for: one variant per alarm kind, each with what its handler
 * needs. Whether an alarm still matters is decided by `armed` (lifecycle/alarms.ts) from the state.
 */
export type Alarm =
  | (AlarmBase & { kind: 'plan_due' })
  | (AlarmBase & { kind: 'plan_reminder' | 'rectification_reminder'; daysBefore: number })
  | (AlarmBase & { kind: 'ladder'; stage: number; action: EscalationAction; afterOverdueWorkingDays: number })
  | (AlarmBase & { kind: 'tracing_overdue'; afterOverdueWorkingDays: number })
  /** Review alarms belong to one review round and level. */
  | (AlarmBase & { kind: 'review_reminder'; round: number; level: ReviewLevel; daysBefore: number })
  /** `escalatedTo`: the window of a level the missed review was escalated to (一岗双责), up to the top. */
  | (AlarmBase & { kind: 'review_due'; round: number; level: ReviewLevel; escalatedTo?: LevelAbove })
  /** `extension`: index of the request it belongs to (absent on alarms armed before that was kept). */
  | (AlarmBase & { kind: 'extension_decision_due'; extension?: number })
  /**
   * A decision the regulator owes (定级, 挂牌, 方案审核): `owedBy` is the level that owes it (missing it
   * escalates to the level above); `round` counts plan submissions; `from`: when the window opened,
   * the anchor its working days were counted from (a calendar change recounts them from it).
   */
  | (AlarmBase & {
      kind: 'decision_reminder';
      decision: OwedDecision;
      round: number;
      owedBy: ListingLevel;
      daysBefore: number;
      from?: string;
    })
  | (AlarmBase & { kind: 'decision_due'; decision: OwedDecision; round: number; owedBy: ListingLevel; from?: string })
  /** A notice (index in `notices`) not yet published: reminded before its window closes, escalated when it does. */
  | (AlarmBase & { kind: 'publication_reminder'; notice: number; daysBefore: number })
  | (AlarmBase & { kind: 'publication_due'; notice: number })
  /** An interview (index in `interviews`) not yet held: reminded, then escalated to the level above. */
  | (AlarmBase & { kind: 'interview_reminder'; interview: number; daysBefore: number })
  | (AlarmBase & { kind: 'interview_due'; interview: number });

/** Decisions with a deadline of their own (policy `decisions`): nothing waits forever. */
export type OwedDecision = 'grading' | 'listing' | 'planDecision';

/** An alarm before it gets its id. */
export type AlarmDraft = Alarm extends infer A ? (A extends Alarm ? Omit<A, 'id'> : never) : never;

export interface TimelineEntry {
  seq: number;
  step: string;
  at: string;
  actor: { userId: string; role: string; name?: string };
  fromStatus: HazardStatus | null;
  toStatus: HazardStatus;
  reason?: string;
}

export interface EscalationRecord {
  kind:
    | 'overdue_ladder'
    | 'review_window_missed'
    | 'plan_overdue'
    | 'extension_decision_overdue'
    | 'repeated_extension'
    | 'grading_overdue'
    | 'listing_overdue'
    | 'plan_decision_overdue'
    | 'publication_overdue'
    | 'interview_overdue';
  at: string;
  stage?: number;
  action?: EscalationAction;
  /** The level the matter now goes to. */
  escalatedTo?: LevelAbove;
  detail?: Record<string, unknown>;
}

export interface ReviewProgress {
  round: number;
  levels: ReviewLevel[];
  index: number;
  startedAt: string;
  dueAt: string | null;
  escalatedTo: LevelAbove | null;
}

/** What triggered 责任倒查: repeated rejection, long overdue, or an accident during rectification (从重). */
export type TracingTrigger = 'rejections' | 'overdue' | 'accident_during_rectification';

export interface HazardState {
  hazardId: string;
  enterpriseId: string;
  jurisdictionPath: string[];
  source: HazardSource;
  description: string;
  location: string | null;
  photos: string[];
  reportedBy: Actor;
  reportedAt: string;
  policyVersion: string;
  status: HazardStatus;
  grade: Grade | null;
  accidentType: AccidentType | null;
  industry: string | null;
  criterion: { standard: string; item: string } | null;
  cause: string | null;
  generalMode: 'immediate' | 'short' | null;
  listing:
    | (Omit<ListInput, 'actor'> & {
        listedAt: string;
        listedBy: string;
        relistings: { from: ListingLevel; to: ListingLevel; at: string }[];
      })
    | null;
  plan: (Omit<SubmitPlanInput, 'actor'> & { submittedAt: string; submittedBy: string }) | null;
  planDecisions: { decision: 'approve' | 'return'; reason: string | null; at: string; by: string }[];
  deadlines: {
    planDue: string | null;
    rectification: string | null;
    extensionRequestCutoff: string | null;
    extensionDecisionDue: string | null;
    /** When the owed decision now awaited is due (grading, listing or plan decision); absent before default-v2. */
    decisionDue?: string | null;
  };
  extensions: {
    requestedAt: string;
    requestedBy: string;
    workingDays: number;
    reason: string;
    decision: 'approve' | 'refuse' | null;
    decidedAt: string | null;
    decidedBy: string | null;
    decisionReason: string | null;
    approvedWorkingDays: number | null;
    previousDeadline: string | null;
    newDeadline: string | null;
  }[];
  completions: (Omit<SubmitCompletionInput, 'actor'> & { submittedAt: string; submittedBy: string; round: number })[];
  review: ReviewProgress | null;
  reviews: {
    round: number;
    level: ReviewLevel;
    result: 'pass' | 'reject';
    reason: string | null;
    at: string;
    by: string;
    onSiteAt: string | null;
  }[];
  rejectionCount: number;
  escalationStage: number;
  escalations: EscalationRecord[];
  production: {
    stopped: boolean;
    scope: string | null;
    /** `level`: the supervising level that ordered or lifted (absent for the enterprise, and on records kept before it was). */
    changes: { action: 'ordered' | 'lifted'; scope: string | null; at: string; by: string; reason: string | null; level?: ListingLevel }[];
  };
  accidents: (Omit<LinkAccidentInput, 'actor'> & { linkedAt: string; heavier: boolean })[];
  heavierAccountability: boolean;
  penalties: (Omit<RecordPenaltyInput, 'actor'> & { recordedAt: string; decidedAt: string; documentId?: string })[];
  closureRecommendedAt: string | null;
  tracing: { at: string; trigger: TracingTrigger; detail: Record<string, unknown> } | null;
  withdrawal: {
    kind: 'duplicate' | 'false';
    reason: string;
    duplicateOf: string | null;
    at: string;
    by: string;
    notified?: LevelAbove;
  } | null;
  /** Merged duplicates' discoveries (absent on hazards that never had one). */
  discoveries?: Discovery[];
  closedAt: string | null;
  /** 问责文书 issued (issue 18): letters, recommendations, notices, penalty decisions. */
  documents: DocumentRef[];
  /** 挂牌公告 / 摘牌公告 and their publication. */
  notices: NoticeState[];
  /** 约谈 ordered by the ladder. */
  interviews: InterviewState[];
  /** Documents asked for so far (issued or not yet answered): makes each issue's key unique, even when updates interleave. */
  documentRequests?: number;
  alarms: Alarm[];
  timeline: TimelineEntry[];
  seq: number;
}

/** What the `getState` query answers. */
export type HazardView = Omit<HazardState, 'alarms'> & {
  currentDeadline: string | null;
  /** Pending timers, soonest first. */
  upcoming: { kind: AlarmKind; at: string; stage?: number; daysBefore?: number; level?: ReviewLevel }[];
};
