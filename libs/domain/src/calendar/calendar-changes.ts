import { datesBetween } from './calendar-notice';
import type { WorkingDayCalendar } from './working-day-calendar';

/** The dates of a year whose working/rest status differs between two calendars (what a notice changed). */
export function changedDates(before: WorkingDayCalendar, after: WorkingDayCalendar, year: number): string[] {
  return datesBetween(`${year}-01-01`, `${year}-12-31`).filter((d) => before.isWorkingDate(d) !== after.isWorkingDate(d));
}

/**
 * How well one calendar (the provisional estimate) matches another (the official notice) over a
 * year, day by day: days with the same working/rest status, and where they differ.
 */
export interface YearComparison {
  year: number;
  days: number;
  correct: number;
  /** Official rest days on a weekday (the holidays proper) and how many the estimate has too. */
  officialWeekdayRest: number;
  weekdayRestFound: number;
  /** Make-up working days (调休上班) of the notice: the estimate has none, so all are missed. */
  makeUpDays: number;
  /** Days the estimate rests that the notice works (beyond the make-up days). */
  wronglyRested: string[];
  /** Days the notice rests that the estimate works. */
  missedRest: string[];
  /** Make-up working days the estimate counts as rest (weekends). */
  missedMakeUp: string[];
}

export function compareYear(estimate: WorkingDayCalendar, official: WorkingDayCalendar, year: number): YearComparison {
  const dates = datesBetween(`${year}-01-01`, `${year}-12-31`);
  const weekend = (d: string) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
  const out: YearComparison = {
    year,
    days: dates.length,
    correct: 0,
    officialWeekdayRest: 0,
    weekdayRestFound: 0,
    makeUpDays: 0,
    wronglyRested: [],
    missedRest: [],
    missedMakeUp: [],
  };
  for (const d of dates) {
    const e = estimate.isWorkingDate(d);
    const o = official.isWorkingDate(d);
    if (e === o) out.correct += 1;
    if (!o && !weekend(d)) {
      out.officialWeekdayRest += 1;
      if (!e) out.weekdayRestFound += 1;
    }
    if (o && weekend(d)) {
      out.makeUpDays += 1;
      if (!e) out.missedMakeUp.push(d);
    } else if (o && !e) out.wronglyRested.push(d);
    if (!o && e) out.missedRest.push(d);
  }
  return out;
}
