import { datesBetween } from './dates';

/**
 * Chinese working-day calendar (工作日历): Mon–Fri work, Sat–Sun rest, then the year's statutory
 * holidays (法定节假日) are rest days and its make-up workdays (调休上班日) are working days.
 *
 * Asia/Shanghai is UTC+8 with no daylight saving, so a Shanghai calendar date is simply the UTC
 * date of (instant + 8 h). That keeps every function here pure: no Intl, no tz database.
 *
 * Semantics (the contract the workflow relies on):
 * - `addWorkingDays(t, n)` moves to the n-th working day after (n > 0) or before (n < 0) the
 *   Shanghai date of `t`, keeping the Shanghai time of day. So a hazard listed on Friday 15:00
 *   with "5 working days" is due the 5th working day after Friday at 15:00. The start day itself
 *   never counts, even when it is a working day; a start on a holiday counts from the next
 *   working day. n = 0 returns `t` unchanged.
 * - `workingDaysBetween(a, b)` counts working dates d with date(a) < d ≤ date(b) (negative when
 *   b is before a), so `workingDaysBetween(t, addWorkingDays(t, n)) === n` for n ≥ 0.
 * - A year without its notice is counted with the `estimate` given (the provisional estimate from
 *   the lunar calendar, see provisional-estimate.ts), or weekday-only without one;
 *   `isYearListed` tells whether a year is official, `yearSource` where its days come from.
 */
export const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;
/** More than 10 years of working days: a guard against a runaway loop on bad input. */
const MAX_SHIFT = 3000;

export type Instant = Date | string | number;

export function toMs(t: Instant): number {
  const ms = t instanceof Date ? t.getTime() : typeof t === 'number' ? t : Date.parse(t);
  if (!Number.isFinite(ms)) throw new RangeError(`无效时间 / invalid instant: ${String(t)}`);
  return ms;
}

/** The Asia/Shanghai calendar date (YYYY-MM-DD) of an instant. */
export function shanghaiDate(t: Instant): string {
  return new Date(toMs(t) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** One year's rest days and make-up working days: a notice's, or the estimate's. */
export interface CalendarYearDays {
  holidays: { from: string; to: string }[];
  makeUpWorkdays: { date: string }[];
}

export type YearSource = 'official' | 'provisional' | 'weekdays';

export interface WorkingDayCalendar {
  isWorkingDay(t: Instant): boolean;
  /** The same, for a Shanghai calendar date 'YYYY-MM-DD'. */
  isWorkingDate(date: string): boolean;
  addWorkingDays(t: Instant, n: number): Date;
  workingDaysBetween(a: Instant, b: Instant): number;
  /** True when the year's notice is loaded (official). */
  isYearListed(year: number): boolean;
  listedYears(): number[];
  /** Where a year's days come from: its notice, the provisional estimate, or weekdays only. */
  yearSource(year: number): YearSource;
}

/**
 * A calendar from the official years (by year) and, for every other year, the estimate. Each
 * year's days are built once, when first asked for, so a calendar over any span stays cheap.
 */
export function createWorkingDayCalendar(
  official: Record<number | string, CalendarYearDays>,
  estimate?: (year: number) => CalendarYearDays,
): WorkingDayCalendar {
  const years = Object.keys(official)
    .map(Number)
    .sort((a, b) => a - b);
  const byYear = new Map<number, { rest: Set<string>; work: Set<string> }>();
  const daysOf = (year: number) => {
    let d = byYear.get(year);
    if (!d) {
      const src = official[year] ?? estimate?.(year) ?? { holidays: [], makeUpWorkdays: [] };
      d = { rest: new Set(src.holidays.flatMap((h) => datesBetween(h.from, h.to))), work: new Set(src.makeUpWorkdays.map((m) => m.date)) };
      byYear.set(year, d);
    }
    return d;
  };

  const isWorkingDate = (date: string): boolean => {
    const { rest, work } = daysOf(Number(date.slice(0, 4)));
    if (work.has(date)) return true;
    if (rest.has(date)) return false;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  };
  const isWorkingDay = (t: Instant) => isWorkingDate(shanghaiDate(t));

  const addWorkingDays = (t: Instant, n: number): Date => {
    if (!Number.isInteger(n) || Math.abs(n) > MAX_SHIFT) throw new RangeError(`工作日数无效 / invalid working-day count: ${n}`);
    let ms = toMs(t);
    const step = n >= 0 ? DAY_MS : -DAY_MS;
    // A fixed +8 h offset means adding whole days keeps the Shanghai time of day exactly.
    for (let left = Math.abs(n); left > 0;) {
      ms += step;
      if (isWorkingDay(ms)) left -= 1;
    }
    return new Date(ms);
  };

  const workingDaysBetween = (a: Instant, b: Instant): number => {
    const from = Date.parse(`${shanghaiDate(a)}T00:00:00Z`);
    const to = Date.parse(`${shanghaiDate(b)}T00:00:00Z`);
    const sign = to >= from ? 1 : -1;
    let count = 0;
    for (let d = from; d !== to;) {
      d += sign * DAY_MS;
      // Counting (from, to] forwards, or (to, from] backwards: the later end is included.
      const date = new Date(sign > 0 ? d : d + DAY_MS).toISOString().slice(0, 10);
      if (isWorkingDate(date)) count += 1;
    }
    return sign * count;
  };

  return {
    isWorkingDay,
    isWorkingDate,
    addWorkingDays,
    workingDaysBetween,
    isYearListed: (year) => years.includes(year),
    listedYears: () => [...years],
    yearSource: (year) => (years.includes(year) ? 'official' : estimate ? 'provisional' : 'weekdays'),
  };
}
