import { shanghaiDate } from '../calendar/working-day-calendar';
import type { NamedCalendar } from './named-calendar';

const DAY_MS = 24 * 3600 * 1000;

/** A named date the count passed over: a holiday it skipped, or a make-up working day it counted. */
export interface NamedDate {
  date: string;
  name: string;
}

/**
 * One count, as a person would check it: from an instant, `days` working (or calendar) days
 * forward (or back), landing on `to` at the same Shanghai time of day, and the days that made it
 * longer or shorter than a plain week count: holidays skipped (by name), make-up working days
 * counted (by name), weekend days skipped, and whether a year on the way had no notice yet.
 */
export interface DayCount {
  from: string;
  days: number;
  unit: 'working' | 'calendar';
  to: string;
  holidaysSkipped: NamedDate[];
  makeUpDaysCounted: NamedDate[];
  weekendDaysSkipped: number;
  /** A date on the way lies in a year without its State Council notice: counted on the estimate. */
  provisional: boolean;
}

/**
 * Counts `days` from `from` the way the engine's calendar does (working-day-calendar.ts: the start
 * date never counts, the time of day is kept), walking date by date so each skipped or counted
 * special day is named. Calendar days skip nothing.
 */
export function countDays(cal: NamedCalendar, from: string, days: number, unit: DayCount['unit'] = 'working'): DayCount {
  const out: DayCount = {
    from,
    days,
    unit,
    to: from,
    holidaysSkipped: [],
    makeUpDaysCounted: [],
    weekendDaysSkipped: 0,
    provisional: false,
  };
  let ms = Date.parse(from);
  if (unit === 'calendar') {
    out.to = new Date(ms + days * DAY_MS).toISOString();
    return out;
  }
  const step = days >= 0 ? DAY_MS : -DAY_MS;
  for (let left = Math.abs(days); left > 0;) {
    ms += step;
    const date = shanghaiDate(ms);
    if (!cal.official(date)) out.provisional = true;
    if (cal.calendar.isWorkingDate(date)) {
      left -= 1;
      const makeUp = cal.makeUpName(date);
      if (makeUp) out.makeUpDaysCounted.push({ date, name: makeUp });
    } else {
      const holiday = cal.holidayName(date);
      if (holiday) out.holidaysSkipped.push({ date, name: holiday });
      else out.weekendDaysSkipped += 1;
    }
  }
  out.to = new Date(ms).toISOString();
  return out;
}

/** Named dates grouped into runs of one name: 劳动节 2026-05-01–05-05 (5 days). */
export function namedRuns(dates: NamedDate[]): { name: string; from: string; to: string; days: number }[] {
  const runs: { name: string; from: string; to: string; days: number }[] = [];
  for (const d of [...dates].sort((a, b) => a.date.localeCompare(b.date))) {
    const last = runs[runs.length - 1];
    if (last && last.name === d.name && Date.parse(`${d.date}T00:00:00Z`) - Date.parse(`${last.to}T00:00:00Z`) === DAY_MS) {
      last.to = d.date;
      last.days += 1;
    } else {
      runs.push({ name: d.name, from: d.date, to: d.date, days: 1 });
    }
  }
  return runs;
}
