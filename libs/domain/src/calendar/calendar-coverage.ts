import { shanghaiDate, type Instant } from './working-day-calendar';

/**
 * How far the calendar is known (日历覆盖情况). A year is
 * - `official`: its State Council notice is loaded;
 * - `provisional`: this year or later, no notice yet: counted with the lunar-calendar estimate;
 * - `missing`: an earlier year whose notice was never loaded (it exists, it was published long
 *   ago): also counted with the estimate, and an admin should load it.
 */
export type YearStatus = 'official' | 'provisional' | 'missing';

export const YEAR_STATUS_LABELS: Record<YearStatus, { zh: string; en: string }> = {
  official: { zh: '正式（已载入国务院放假安排）', en: 'official (the State Council notice is loaded)' },
  provisional: { zh: '暂定（按农历估算）', en: 'provisional (estimated from the lunar calendar)' },
  missing: { zh: '缺失（放假安排未载入）', en: 'missing (the notice was never loaded)' },
};

/** The text every provisional deadline carries in reminders. */
export const PROVISIONAL_NOTE = {
  zh: '（暂定，待国务院放假安排公布后调整）',
  en: ' (provisional until the State Council holiday notice is published)',
};

/** From 1 November the next year's notice is due (it is usually published in November). */
export const NEXT_YEAR_DUE_FROM = '11-01';

export function yearStatus(year: number, officialYears: readonly number[], today: string): YearStatus {
  if (officialYears.includes(year)) return 'official';
  return year < Number(today.slice(0, 4)) ? 'missing' : 'provisional';
}

/**
 * The years worth listing: from the first official year (or this year, if none is) through next
 * year, and any official year beyond.
 */
export function coverageYears(officialYears: readonly number[], today: string): number[] {
  const thisYear = Number(today.slice(0, 4));
  const first = Math.min(thisYear, ...officialYears);
  const last = Math.max(thisYear + 1, ...officialYears);
  const out: number[] = [];
  for (let y = first; y <= last; y++) out.push(y);
  return out;
}

export interface CalendarHealthReason {
  code: 'current_year_not_official' | 'next_year_not_official';
  year: number;
  message: string;
  messageEn: string;
}

/**
 * Degraded (not down): deadlines are still computed, but some are estimates. It holds while this
 * year has no notice, and from 1 November while next year has none.
 */
export function calendarHealth(officialYears: readonly number[], now: Instant): { degraded: boolean; reasons: CalendarHealthReason[] } {
  const today = shanghaiDate(now);
  const year = Number(today.slice(0, 4));
  const reasons: CalendarHealthReason[] = [];
  if (!officialYears.includes(year)) {
    reasons.push({
      code: 'current_year_not_official',
      year,
      message: `${year}年国务院放假安排尚未载入，本年期限按农历估算，均为暂定。`,
      messageEn: `The State Council holiday notice for ${year} is not loaded: this year's deadlines are estimates.`,
    });
  }
  if (today.slice(5) >= NEXT_YEAR_DUE_FROM && !officialYears.includes(year + 1)) {
    reasons.push({
      code: 'next_year_not_official',
      year: year + 1,
      message: `${year + 1}年国务院放假安排尚未载入：落在${year + 1}年的期限按农历估算，为暂定，通知公布后请管理员及时载入。`,
      messageEn: `The State Council holiday notice for ${year + 1} is not loaded yet: deadlines in ${year + 1} are provisional estimates; an admin should load the notice as soon as it is published.`,
    });
  }
  return { degraded: reasons.length > 0, reasons };
}

/** A deadline is provisional when it falls in a year whose notice is not loaded: it was counted through estimated days. */
export function isProvisionalInstant(instant: Instant | null | undefined, officialYears: readonly number[]): boolean {
  if (instant === null || instant === undefined) return false;
  return !officialYears.includes(Number(shanghaiDate(instant).slice(0, 4)));
}
