import { coverageYears, yearStatus, type YearStatus } from '@hazards/domain/calendar/calendar-coverage';
import type { CalendarCopy } from '@hazards/domain/calendar/calendar-copy';
import { calendarFromNotices, copyFromNotices } from '@hazards/domain/calendar/cn-calendar';
import { shanghaiDate, type WorkingDayCalendar } from '@hazards/domain/calendar/working-day-calendar';
import { CalendarNoticeStore, type SqlRunner, type StoredNotice } from './calendar-notice.store';

/** The calendar as of one version: what the worker counts with and the API reports. */
export interface CalendarSnapshot {
  version: number;
  calendar: WorkingDayCalendar;
  notices: StoredNotice[];
  officialYears: number[];
}

export function snapshotOf(version: number, notices: StoredNotice[]): CalendarSnapshot {
  return { version, notices, calendar: calendarFromNotices(notices), officialYears: notices.map((n) => n.year).sort((a, b) => a - b) };
}

export interface YearCoverage {
  year: number;
  status: YearStatus;
  noticeNumber: string | null;
  noticeDate: string | null;
  revision: number | null;
  /** The calendar version that loaded this year's current notice. */
  version: number | null;
}

/** Each year worth listing, official (with its notice), provisional or missing. */
export function coverageOf(s: CalendarSnapshot, now: Date = new Date()): YearCoverage[] {
  const today = shanghaiDate(now);
  return coverageYears(s.officialYears, today).map((year) => {
    const n = s.notices.find((x) => x.year === year);
    return {
      year,
      status: yearStatus(year, s.officialYears, today),
      noticeNumber: n?.noticeNumber ?? null,
      noticeDate: n?.noticeDate ?? null,
      revision: n?.revision ?? null,
      version: n?.version ?? null,
    };
  });
}

/** How long a process trusts its copy before asking PostgreSQL whether a new version exists. */
export const CALENDAR_RECHECK_MS = 5000;

/**
 * The live calendar, cached per process: the notices in PostgreSQL, reloaded only when the
 * version moved (checked at most every few seconds), or at once when a caller needs a version
 * newer than the copy (a re-plan signal carries the version it was sent for).
 */
export class LiveCalendar {
  private readonly store: CalendarNoticeStore;
  private current: CalendarSnapshot | null = null;
  private checkedAt = 0;
  private refreshing: Promise<CalendarSnapshot> | null = null;
  private copied: { key: string; copy: CalendarCopy } | null = null;

  constructor(
    db: SqlRunner,
    private readonly recheckMs = CALENDAR_RECHECK_MS,
    private readonly clock: () => number = Date.now,
  ) {
    this.store = new CalendarNoticeStore(db);
  }

  async get(minVersion = 0): Promise<CalendarSnapshot> {
    const c = this.current;
    if (c && c.version >= minVersion && this.clock() - this.checkedAt < this.recheckMs) return c;
    const s = await (this.refreshing ??= this.refresh().finally(() => (this.refreshing = null)));
    if (s.version < minVersion) {
      // The signal was sent after its notice committed, so this is a replica lagging or a bug: retry.
      throw new Error(
        `日历版本 ${minVersion} 尚不可见（当前 ${s.version}）/ calendar version ${minVersion} is not visible yet (have ${s.version})`,
      );
    }
    return s;
  }

  /**
   * The calendar copy an action carries into its hazard's workflow (calendar-copy.ts): the years
   * around now as this process counts them, made once per version and year.
   */
  async copy(): Promise<CalendarCopy> {
    const s = await this.get();
    const now = this.clock();
    const key = `${s.version}:${shanghaiDate(now).slice(0, 4)}`;
    if (this.copied?.key !== key) this.copied = { key, copy: copyFromNotices(s.version, s.notices, now) };
    return this.copied.copy;
  }

  /** Forgets the copy (after a load in this process). */
  invalidate(): void {
    this.checkedAt = 0;
  }

  private async refresh(): Promise<CalendarSnapshot> {
    const latest = await this.store.latestVersion();
    if (!this.current || this.current.version !== latest) this.current = snapshotOf(latest, await this.store.noticesAt(latest));
    this.checkedAt = this.clock();
    return this.current;
  }
}
