import { BUNDLED_NOTICES } from './bundled-notices';
import { copyYears, makeCalendarCopy, type CalendarCopy } from './calendar-copy';
import type { CalendarNotice } from './calendar-notice';
import { estimateYear } from './provisional-estimate';
import { createWorkingDayCalendar, type Instant, type WorkingDayCalendar } from './working-day-calendar';

/** A calendar from a set of notices (the official years); every other year is the provisional estimate. */
export function calendarFromNotices(notices: Pick<CalendarNotice, 'year' | 'holidays' | 'makeUpWorkdays'>[]): WorkingDayCalendar {
  return createWorkingDayCalendar(Object.fromEntries(notices.map((n) => [n.year, n])), estimateYear);
}

/**
 * The copy of `calendarFromNotices(notices)` an action carries (calendar-copy.ts): the years around
 * `now`, each the notice's days where one is loaded and the provisional estimate's otherwise.
 */
export function copyFromNotices(
  version: number,
  notices: Pick<CalendarNotice, 'year' | 'holidays' | 'makeUpWorkdays'>[],
  now: Instant,
): CalendarCopy {
  return makeCalendarCopy(version, copyYears(now), (year) => notices.find((n) => n.year === year) ?? estimateYear(year));
}

/**
 * The Chinese calendar as shipped: the notices in `data/notices/` (validated at load, so a wrong
 * edit fails loudly) and the provisional estimate for the other years. The live calendar (the
 * notices loaded into PostgreSQL, libs/calendar) is what the worker counts with; this one serves
 * pure code and the tests.
 */
export const cnCalendar = calendarFromNotices(BUNDLED_NOTICES);

export const isWorkingDay = (t: Instant): boolean => cnCalendar.isWorkingDay(t);
export const addWorkingDays = (t: Instant, n: number): Date => cnCalendar.addWorkingDays(t, n);
export const workingDaysBetween = (a: Instant, b: Instant): number => cnCalendar.workingDaysBetween(a, b);
