import { LunarDay, SolarDay, SolarTerm } from 'tyme4ts';
import { datesBetween, weekdayOf, type CalendarNotice } from './calendar-notice';

/**
 * 暂定日历 / the provisional estimate of a year whose State Council notice is not out yet.
 *
 * The statutory holidays of the 全国年节及纪念日放假办法 as revised in November 2024 (in force from
 * 2025), placed by the lunar calendar (tyme4ts, a maintained lunar library) where they move:
 * 元旦 1 Jan; 春节 4 days, 除夕 to 正月初三; 清明 the day of the 清明 solar term; 劳动节 1–2 May;
 * 端午 五月初五; 中秋 八月十五; 国庆 1–3 Oct. Art. 6 of the 办法: a statutory day that falls on a
 * Saturday or Sunday (or on another holiday) is given back on the next working day (补假), and
 * that is estimated too. What cannot be estimated is the notice's own arrangement: the bridging
 * 调休 that stretches a holiday into a week and the make-up working days that pay for it. The
 * estimate has no make-up days; the notice corrects it when it comes.
 */
export interface EstimatedFestival {
  name: string;
  /** The statutory days themselves. */
  statutory: string[];
  /** Days given back for statutory days on a weekend or on another holiday (补假). */
  substitutes: string[];
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (d: SolarDay) => `${d.getYear()}-${pad(d.getMonth())}-${pad(d.getDay())}`;
const lunar = (year: number, month: number, day: number) => iso(LunarDay.fromYmd(year, month, day).getSolarDay());
const isWeekend = (date: string) => weekdayOf(date) === 0 || weekdayOf(date) === 6;
const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 24 * 3600 * 1000).toISOString().slice(0, 10);

/** The statutory days of a year, festival by festival, before substitutes. */
export function statutoryDays(year: number): { name: string; statutory: string[] }[] {
  const newYear = LunarDay.fromYmd(year, 1, 1).getSolarDay(); // 正月初一
  return [
    { name: "元旦 New Year's Day", statutory: [`${year}-01-01`] },
    { name: '春节 Spring Festival', statutory: [iso(newYear.next(-1)), iso(newYear), iso(newYear.next(1)), iso(newYear.next(2))] },
    { name: '清明节 Qingming', statutory: [iso(SolarTerm.fromName(year, '清明').getJulianDay().getSolarDay())] },
    { name: '劳动节 Labour Day', statutory: [`${year}-05-01`, `${year}-05-02`] },
    { name: '端午节 Dragon Boat', statutory: [lunar(year, 5, 5)] },
    { name: '中秋节 Mid-Autumn', statutory: [lunar(year, 8, 15)] },
    { name: '国庆节 National Day', statutory: datesBetween(`${year}-10-01`, `${year}-10-03`) },
  ].sort((a, b) => a.statutory[0].localeCompare(b.statutory[0]));
}

/** The festivals of a year with the days given back (补假) for those on weekends or colliding. */
export function estimateFestivals(year: number): EstimatedFestival[] {
  const festivals = statutoryDays(year);
  const allStatutory = new Set(festivals.flatMap((f) => f.statutory));
  const rest = new Set<string>();
  return festivals.map((f) => {
    let owed = 0;
    for (const d of f.statutory) {
      // 中秋 on 1–3 October (as in 2020) shares a day with 国庆: that day is owed too.
      if (isWeekend(d) || rest.has(d)) owed += 1;
      rest.add(d);
    }
    const substitutes: string[] = [];
    for (let d = nextDate(f.statutory[f.statutory.length - 1]); owed > 0; d = nextDate(d)) {
      if (isWeekend(d) || rest.has(d) || allStatutory.has(d)) continue;
      substitutes.push(d);
      rest.add(d);
      owed -= 1;
    }
    return { ...f, substitutes };
  });
}

/** Consecutive dates folded into ranges. */
function ranges(dates: string[]): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  for (const d of [...dates].sort()) {
    const last = out[out.length - 1];
    if (last && nextDate(last.to) === d) last.to = d;
    else out.push({ from: d, to: d });
  }
  return out;
}

export const PROVISIONAL_SOURCE =
  '暂定：按法定节假日与农历估算，待国务院放假安排公布后调整 / provisional: estimated from the statutory holidays and the lunar calendar until the State Council notice';

/**
 * The estimate in the shape of a notice (no number, no make-up days), so that it is counted by
 * the same code as an official year. A substitute day that is not next to its festival is a range
 * of its own.
 */
export function estimateYear(year: number): Pick<CalendarNotice, 'year' | 'holidays' | 'makeUpWorkdays'> {
  const holidays = estimateFestivals(year).flatMap((f) => ranges([...f.statutory, ...f.substitutes]).map((r) => ({ name: f.name, ...r })));
  return { year, holidays, makeUpWorkdays: [] };
}
