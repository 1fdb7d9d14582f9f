/**
 * A change to the working-day calendar, as hazards in flight are told of it (signal
 * `calendarChanged`): the new calendar version, the year and the dates whose working/rest status
 * changed, and why (`中文 / English`).
 */
export interface CalendarChange {
  /** The calendar version after the change (calendar_notices.version); activities count with at least this one. */
  calendarVersion: number;
  year: number;
  noticeNumber: string;
  /** YYYY-MM-DD, ascending; at most the days of one year. */
  changedDates: string[];
  reason: string;
}

/** The re-planning run after one notice load (workflow `calendarReplanWorkflow`, id `calendar-replan-<changeId>`). */
export interface CalendarReplanInput {
  changeId: string;
  change: CalendarChange;
  /** Progress carried across continue-as-new. */
  afterHazardId?: string;
  signalled?: number;
}

export interface SignalReplanPageInput {
  changeId: string;
  change: CalendarChange;
  afterHazardId: string;
  limit: number;
}

export interface SignalReplanPageResult {
  /** Hazards signalled on this page. */
  signalled: number;
  /** Hazards that had closed meanwhile (nothing to re-plan). */
  skipped: number;
  lastHazardId: string | null;
  done: boolean;
}

/** Activities of the calendar re-planning run; implemented in libs/calendar, bound in apps/worker. */
export interface CalendarReplanActivities {
  /**
   * Signals one page of open hazards whose deadlines or timers may touch the changed dates, in
   * hazard id order. Idempotent: a hazard signalled twice for one version re-plans once.
   */
  signalReplanPage(input: SignalReplanPageInput): Promise<SignalReplanPageResult>;
}
