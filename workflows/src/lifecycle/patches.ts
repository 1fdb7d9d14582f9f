import { ONE_TASK_UPDATES_PATCH } from '@hazards/domain/hazard/one-task-updates';

/**
 * Behaviour changes made while hazards are in flight, each behind `patched(id)` (see the README,
 * "Changing the workflow"): a history recorded before the change replays the old way; a running
 * hazard takes the new way from its next step on. Never rename or reuse an id; remove one only with
 * `deprecatePatch` once no history without its marker can still be replayed.
 *
 * Every id is listed here: past the one-task-updates patch they are all decided at once
 * (`decideAllPatches`), before any step runs as a local activity (see there why).
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
  /** Issue 15: a calendar change re-plans pending deadlines and timers (histories from before replay unchanged). */
  calendarReplan: 'calendar-replan',
  /** Issue 14.10: HazardStatus, HazardDeadline, HazardGrade, HazardListingLevel kept current. */
  searchAttributes: 'search-attributes',
  // 'local-activities' (issue 17.1: steps as local activities) was tried on the perf branch and
  // withdrawn before release (replays diverged under load); never reuse the id.
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
  /**
   * Issue 17.1: updates and signals are queued and applied by the main loop one at a time, and the
   * steps, calendar counts and penalty reads run as local activities: an update answers in one
   * workflow task. (Not 'local-activities': that id is retired.)
   */
  oneTaskUpdates: ONE_TASK_UPDATES_PATCH,
} as const;

/**
 * Decides every patch at once, at a point no local activity precedes: a new hazard's first
 * workflow task, or the turn of the loop where one in flight takes the one-task-updates patch.
 * Why: a patch decided for the first time just after a local activity resolved can replay wrong.
 * A replay learns of a patch marker when it reaches the workflow task that recorded it, but it
 * resolves a local activity from its marker, which may sit one workflow task earlier (the step
 * finished as the SDK heartbeated a long task); the code after the step then asks for the patch
 * before the replay knows of its marker, gets false, and fails ("Non-deprecated patch marker
 * encountered … but there is no corresponding change command", seen in
 * tests/workflows/one-task-updates-replay.test.ts). Decided up front, every later `patched()` is
 * answered from the SDK's memo, with no marker to match.
 */
export function decideAllPatches(patched: (id: string) => boolean): void {
  for (const id of Object.values(PATCHES)) patched(id);
}
