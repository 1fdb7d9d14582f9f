import { z } from 'zod';
import { datesBetween } from './dates';

export { datesBetween };

/**
 * One year's State Council holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知): the rest days
 * (放假) and the make-up working days (调休上班). It is what an admin loads, from a file
 * (`npm run cli -- calendar import FILE`) or over `PUT /calendar/{year}`, and what the bundled
 * files in `data/notices/` hold. Dates are Asia/Shanghai calendar dates, `YYYY-MM-DD`.
 */
export interface CalendarNotice {
  year: number;
  /** 文号, e.g. 国办发明电〔2025〕7号 */
  noticeNumber: string;
  /** The day the notice was published. */
  noticeDate: string;
  title?: string;
  holidays: { name: string; from: string; to: string }[];
  makeUpWorkdays: { name: string; date: string }[];
}

/** Bounds on what a notice may hold: a real one has 7 holidays and at most a dozen make-up days. */
export const NOTICE_LIMITS = {
  holidays: 20,
  makeUpWorkdays: 20,
  holidaySpanDays: 15,
  nameChars: 60,
  numberChars: 100,
  titleChars: 200,
} as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD');
const name = z.string().trim().min(1).max(NOTICE_LIMITS.nameChars);

/** Shape only (a file's JSON, the API's body); what the dates mean is checked by `noticeProblems`. */
export const calendarNoticeSchema = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  noticeNumber: z.string().trim().min(1).max(NOTICE_LIMITS.numberChars),
  noticeDate: isoDate,
  title: z.string().trim().min(1).max(NOTICE_LIMITS.titleChars).optional(),
  holidays: z
    .array(z.strictObject({ name, from: isoDate, to: isoDate }))
    .min(1)
    .max(NOTICE_LIMITS.holidays),
  makeUpWorkdays: z.array(z.strictObject({ name, date: isoDate })).max(NOTICE_LIMITS.makeUpWorkdays),
});

/** A reason a notice is refused: a stable code, zh-CN and English text, and the field at fault. */
export interface NoticeProblem {
  code:
    | 'malformed'
    | 'invalid_date'
    | 'date_outside_year'
    | 'holiday_range_reversed'
    | 'holiday_range_too_long'
    | 'holidays_overlap'
    | 'holiday_on_make_up_day'
    | 'make_up_day_not_weekend'
    | 'make_up_day_repeated';
  message: string;
  messageEn: string;
  field: string;
}

const WEEKDAY_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const WEEKDAY_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A real calendar date (2027-02-30 is not one). */
export function isRealDate(date: string): boolean {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === date;
}

export const weekdayOf = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

/**
 * What is wrong with a notice, all problems at once (empty = valid): every date real and in the
 * notice's year, holiday ranges forward, at most 15 days and not overlapping, no day both a
 * holiday and a make-up working day, and every make-up day a Saturday or Sunday (调休 moves a
 * weekend day to work; a weekday is a working day already).
 */
export function noticeProblems(n: CalendarNotice): NoticeProblem[] {
  const problems: NoticeProblem[] = [];
  const inYear = (date: string, field: string): boolean => {
    if (!isRealDate(date)) {
      problems.push({
        code: 'invalid_date',
        message: `${field}：${date} 不是有效日期。`,
        messageEn: `${field}: ${date} is not a calendar date.`,
        field,
      });
      return false;
    }
    if (Number(date.slice(0, 4)) !== n.year) {
      problems.push({
        code: 'date_outside_year',
        message: `${field}：${date} 不在 ${n.year} 年内。`,
        messageEn: `${field}: ${date} is not in ${n.year}.`,
        field,
      });
      return false;
    }
    return true;
  };
  const holidayDays = new Map<string, number>();
  n.holidays.forEach((h, i) => {
    const okFrom = inYear(h.from, `holidays[${i}].from`);
    const okTo = inYear(h.to, `holidays[${i}].to`);
    if (!okFrom || !okTo) return;
    if (h.to < h.from) {
      problems.push({
        code: 'holiday_range_reversed',
        message: `holidays[${i}]：结束日 ${h.to} 早于开始日 ${h.from}。`,
        messageEn: `holidays[${i}]: ends (${h.to}) before it starts (${h.from}).`,
        field: `holidays[${i}].to`,
      });
      return;
    }
    const days = datesBetween(h.from, h.to);
    if (days.length > NOTICE_LIMITS.holidaySpanDays) {
      problems.push({
        code: 'holiday_range_too_long',
        message: `holidays[${i}]：放假${days.length}天，超过${NOTICE_LIMITS.holidaySpanDays}天。`,
        messageEn: `holidays[${i}]: ${days.length} days, more than ${NOTICE_LIMITS.holidaySpanDays}.`,
        field: `holidays[${i}].to`,
      });
      return;
    }
    for (const d of days) {
      const other = holidayDays.get(d);
      if (other !== undefined) {
        problems.push({
          code: 'holidays_overlap',
          message: `holidays[${i}] 与 holidays[${other}] 都包含 ${d}。`,
          messageEn: `holidays[${i}] and holidays[${other}] both contain ${d}.`,
          field: `holidays[${i}]`,
        });
        return;
      }
    }
    for (const d of days) holidayDays.set(d, i);
  });
  const seen = new Set<string>();
  n.makeUpWorkdays.forEach((m, i) => {
    const field = `makeUpWorkdays[${i}].date`;
    if (!inYear(m.date, field)) return;
    if (seen.has(m.date)) {
      problems.push({
        code: 'make_up_day_repeated',
        message: `${field}：${m.date} 重复出现。`,
        messageEn: `${field}: ${m.date} is listed twice.`,
        field,
      });
      return;
    }
    seen.add(m.date);
    const h = holidayDays.get(m.date);
    if (h !== undefined) {
      problems.push({
        code: 'holiday_on_make_up_day',
        message: `${field}：${m.date} 同时是放假日（holidays[${h}]）和调休上班日。`,
        messageEn: `${field}: ${m.date} is both a holiday (holidays[${h}]) and a make-up working day.`,
        field,
      });
      return;
    }
    const wd = weekdayOf(m.date);
    if (wd !== 0 && wd !== 6) {
      problems.push({
        code: 'make_up_day_not_weekend',
        message: `${field}：${m.date} 是${WEEKDAY_ZH[wd]}，调休上班日应为周六或周日。`,
        messageEn: `${field}: ${m.date} is a ${WEEKDAY_EN[wd]}; a make-up working day must be a Saturday or Sunday.`,
        field,
      });
    }
  });
  return problems;
}
