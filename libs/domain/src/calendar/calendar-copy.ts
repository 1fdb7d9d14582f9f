import { createWorkingDayCalendar, shanghaiDate, type CalendarYearDays, type Instant } from './working-day-calendar';

/**
 * 日历副本 / a copy of the working-day calendar that a user's action carries into its hazard's
 * workflow (issue 17.1). The deadlines the action sets (grading's rectification deadline, a
 * decision window, an extension) are then counted inside the workflow task the action arrived
 * in, instead of by a `shiftWorkingDays` activity: one activity task and one workflow task fewer
 * before the user has an answer.
 *
 * The API makes the copy from the live calendar it already caches (libs/calendar), so a copy is
 * exactly as fresh as the worker's own cached calendar. It holds whole years: the official
 * notice's days where one is loaded, the provisional estimate's otherwise, as the live calendar
 * counts them. A count that leaves those years is not made on the copy (`countOnCopy` answers
 * null) and the workflow asks the activity, as it does for every count without a copy.
 */
export interface CalendarCopy {
  /** The live calendar's version it was made from: a hazard told of a newer version ignores it. */
  version: number;
  /** Each year covered (keyed by the year), with its rest days and make-up working days. */
  years: Record<string, CalendarYearDays>;
}

/** The years a copy made at `now` holds: last year to two years ahead (every deadline the policies set lies inside). */
export function copyYears(now: Instant): number[] {
  const year = Number(shanghaiDate(now).slice(0, 4));
  return [year - 1, year, year + 1, year + 2];
}

/** A copy of the given years, each year's days as `daysOf` gives them (the caller's calendar). */
export function makeCalendarCopy(version: number, years: number[], daysOf: (year: number) => CalendarYearDays): CalendarCopy {
  return {
    version,
    years: Object.fromEntries(
      years.map((year) => {
        const d = daysOf(year);
        // Only the dates: a notice's names and numbers would only make the workflow's history longer.
        return [
          year,
          { holidays: d.holidays.map(({ from, to }) => ({ from, to })), makeUpWorkdays: d.makeUpWorkdays.map(({ date }) => ({ date })) },
        ];
      }),
    ),
  };
}

const NO_DAYS: CalendarYearDays = { holidays: [], makeUpWorkdays: [] };

/**
 * The working-day instants `offsets` away from `from`, counted on the copy (the same arithmetic
 * as the activity: `addWorkingDays`), or null when a count touches a year the copy does not hold
 * or the copy is not one (it comes from a workflow's history: a bad one must not fail the task).
 */
export function countOnCopy(copy: CalendarCopy, from: string, offsets: number[]): string[] | null {
  try {
    let outside = false;
    const calendar = createWorkingDayCalendar(copy.years, () => {
      outside = true;
      return NO_DAYS;
    });
    const instants = offsets.map((n) => calendar.addWorkingDays(from, n).toISOString());
    return outside ? null : instants;
  } catch {
    return null;
  }
}
