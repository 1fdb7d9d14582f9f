import type { CalendarNotice } from '../calendar/calendar-notice';
import { datesBetween } from '../calendar/calendar-notice';
import { calendarFromNotices } from '../calendar/cn-calendar';
import { estimateYear } from '../calendar/provisional-estimate';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar';

type NoticeDays = Pick<CalendarNotice, 'year' | 'holidays' | 'makeUpWorkdays'>;

/**
 * The working-day calendar with the names of its days: which holiday (放假) a rest day belongs
 * to and which holiday a make-up working day (调休上班) pays for. The names come from the same
 * notices the calendar counts with (a year without its notice: the provisional estimate's names),
 * so an explanation names exactly the days the count skipped.
 */
export interface NamedCalendar {
  calendar: WorkingDayCalendar;
  /** The holiday a rest date belongs to, or null (a plain weekend, or a working date). */
  holidayName(date: string): string | null;
  /** The holiday a make-up working date pays for, or null. */
  makeUpName(date: string): string | null;
  /** True when the date's year has its State Council notice (else the estimate). */
  official(date: string): boolean;
}

export function namedCalendar(notices: NoticeDays[]): NamedCalendar {
  const calendar = calendarFromNotices(notices);
  const byYear = new Map<number, { rest: Map<string, string>; work: Map<string, string> }>();
  const listed = new Set(notices.map((n) => n.year));
  const namesOf = (year: number) => {
    let names = byYear.get(year);
    if (!names) {
      const src = notices.find((n) => n.year === year) ?? estimateYear(year);
      names = {
        rest: new Map(src.holidays.flatMap((h) => datesBetween(h.from, h.to).map((d) => [d, h.name] as const))),
        work: new Map(src.makeUpWorkdays.map((m) => [m.date, m.name] as const)),
      };
      byYear.set(year, names);
    }
    return names;
  };
  return {
    calendar,
    holidayName: (date) => (calendar.isWorkingDate(date) ? null : (namesOf(Number(date.slice(0, 4))).rest.get(date) ?? null)),
    makeUpName: (date) => (calendar.isWorkingDate(date) ? (namesOf(Number(date.slice(0, 4))).work.get(date) ?? null) : null),
    official: (date) => listed.has(Number(date.slice(0, 4))),
  };
}
