import type { CalendarData } from './calendar-data.schema';

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
 * - Years missing from the data fall back to weekday-only; `isYearListed` lets callers warn.
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

export interface WorkingDayCalendar {
  isWorkingDay(t: Instant): boolean;
  /** The same, for a Shanghai calendar date 'YYYY-MM-DD'. */
  isWorkingDate(date: string): boolean;
  addWorkingDays(t: Instant, n: number): Date;
  workingDaysBetween(a: Instant, b: Instant): number;
  isYearListed(year: number): boolean;
  listedYears(): number[];
}

export function createWorkingDayCalendar(data: CalendarData): WorkingDayCalendar {
  const rest = new Set<string>();
  const work = new Set<string>();
  for (const year of Object.values(data.years)) {
    for (const h of year.holidays) {
      for (let d = Date.parse(`${h.from}T00:00:00Z`); d <= Date.parse(`${h.to}T00:00:00Z`); d += DAY_MS) {
        rest.add(new Date(d).toISOString().slice(0, 10));
      }
    }
    for (const m of year.makeUpWorkdays) work.add(m.date);
  }
  const years = Object.keys(data.years).map(Number).sort((a, b) => a - b);

  const isWorkingDate = (date: string): boolean => {
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
    for (let left = Math.abs(n); left > 0; ) {
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
    for (let d = from; d !== to; ) {
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
  };
}
