/**
 * Behaviour changes made while hazards are in flight, each behind `patched(id)` (see the README,
 * "Changing the workflow"): a history recorded before the change replays the old way; a running
 * hazard takes the new way from its next step on. Never rename or reuse an id; remove one only with
 * `deprecatePatch` once no history without its marker can still be replayed.
 */
export const PATCHES = {
  /** Issue 14.1: a decided extension's decision alarm is dropped; each request arms its own. */
  extensionAlarmPerRequest: 'extension-alarm-per-request',
  /** Issue 14.4: a withdrawal names the level above, which is told. */
  withdrawalNotice: 'withdrawal-notifies-level-above',
  /** Issue 14.5: a production stop records the level that ordered it (lifted by that level or above). */
  productionStopLevel: 'production-stop-level',
  /** Issue 14.6: 从重 is decided by the hazard's status when the accident happened. */
  heavierByAccidentTime: 'heavier-by-accident-time',
  /** Issue 14.7: art 113 counts the enterprise's Safety Law penalties across its hazards. */
  art113EnterpriseWide: 'art113-enterprise-wide',
  /** Issue 14.8: grading, listing and the plan decision have deadlines (policy `decisions`). */
  decisionDeadlines: 'decision-deadlines',
  /** Issue 14.9: each level a missed review is escalated to gets its own window. */
  reviewEscalatedWindows: 'review-escalated-windows',
  /** Issue 14.10: HazardStatus, HazardDeadline, HazardGrade, HazardListingLevel kept current. */
  searchAttributes: 'search-attributes',
  // 'local-activities' (issue 17.1: steps as local activities) was tried on the perf branch and
  // withdrawn before release (replays diverged under load); never reuse the id.
  // 'one-task-updates' (issue 17.1 again: updates queued for the main loop, steps as local
  // activities) was built on the perf branch (5dc3914) and withdrawn before release: a step
  // committed by a workflow task that then failed or timed out is kept in PostgreSQL, while the
  // retried task may write another step under that seq (README, Performance); never reuse the id.
  // 'steady-alarm-timer' (the timer loop keeping one timer while the soonest alarm's instant stays)
  // was merged and withdrawn in the same stop (6a5d9ef): replay-under-load once found an escalation
  // whose replayed instant differed from the one written to PostgreSQL; never reuse the id.
  /** Issue 19.2: steps record the instants they counted from and fired at, for their explanation (为什么？). */
  explanationInputs: 'explanation-inputs',
  /** Issue 18: the ladder's letter and stoppage stages issue numbered documents (督办函, 停产整顿建议书). */
  ladderDocuments: 'ladder-documents',
  /** Issue 18: the ladder's interview stage orders an interview held within a window (约谈), reminded and escalated. */
  interviewTimers: 'interview-timers',
  /** Issue 18: a listing issues its notice (挂牌公告), published within a window (reminded and escalated). */
  listingNotice: 'listing-notice',
  /** Issue 18: the sign-off of a listed hazard issues the delisting notice (摘牌公告); the lifecycle waits for its publication. */
  delistingNotice: 'delisting-notice',
  /** Issue 18: a penalty without a decision number gets a numbered 行政处罚决定书. */
  penaltyDecisions: 'penalty-decisions',
  /** Issue 17.1: an action's deadlines are counted on the calendar copy it carries, in its own workflow task. */
  calendarCopy: 'calendar-copy',
  /**
   * Issue 17.1: the grading window opens before the report's step, in the first workflow task (on the
   * report's calendar copy when it carries one), so that step already carries the grading deadline.
   */
  gradingWindowAtReport: 'grading-window-at-report',
  /**
   * Issue 17.1: a ladder stage's document (督办函, 停产整顿建议书) is issued by the activity that
   * records the stage's step (issueAndRecordStep): an escalation costs one activity and two workflow
   * tasks instead of two and three.
   */
  ladderDocumentWithStep: 'ladder-document-with-step',
  /**
   * Issue 17.1: a user action answers in the workflow task that accepts it. Its steps' writes are
   * scheduled, not awaited; the answer carries the steps, and the API writes them (idempotent on
   * hazard and seq, like the activity that writes them too) before it answers the user.
   */
  answerWithSteps: 'answer-with-steps',
  /**
   * An action that arrives before the report's step was taken (the grading window still being
   * counted by its activity) waits for it, so the report is always step 1: found by the
   * crash-after-commit drill, where grades sent right after the start took seq 1 (since
   * `grading-window-at-report`, for reports without a calendar copy).
   */
  reportStepFirst: 'report-step-first',
  /**
   * An action that arrives while another action's transition is still under way (its deadlines
   * counted by the calendar activity) waits for it, then is checked again: a review sent while the
   * completion it reviews was still counting its window used to sign the hazard off (step 3) before
   * the completion's step (step 4, recorded as rectifying → closed).
   */
  actionsInTurn: 'actions-in-turn',
} as const;
