import type { CalendarNotice } from '../../libs/domain/src/calendar/calendar-notice';

/**
 * 假设的2027年放假安排 / a HYPOTHETICAL 2027 notice, for tests and the re-planning benchmark
 * only. The real 2027 notice is not in the repository (it was not available with certainty when
 * this was written); this one follows the pattern of the 2025 and 2026 notices and differs from
 * the provisional estimate where a real notice would: a 9-day Spring Festival week (4–12 Feb
 * instead of 5–10 Feb) paid for by two make-up Saturdays (20 and 27 Feb), 劳动节 1–5 May with
 * Saturday 8 May worked, 国庆 1–7 Oct with 26 Sep and 9 Oct worked.
 */
export const HYPOTHETICAL_2027_NOTICE: CalendarNotice = {
  year: 2027,
  noticeNumber: '测试用假设通知〔2027〕1号',
  noticeDate: '2026-11-20',
  title: '（测试用，非真实通知）假设的2027年部分节假日安排 / hypothetical 2027 notice for tests',
  holidays: [
    { name: "元旦 New Year's Day", from: '2027-01-01', to: '2027-01-03' },
    { name: '春节 Spring Festival', from: '2027-02-04', to: '2027-02-12' },
    { name: '清明节 Qingming', from: '2027-04-03', to: '2027-04-05' },
    { name: '劳动节 Labour Day', from: '2027-05-01', to: '2027-05-05' },
    { name: '端午节 Dragon Boat', from: '2027-06-09', to: '2027-06-09' },
    { name: '中秋节 Mid-Autumn', from: '2027-09-15', to: '2027-09-15' },
    { name: '国庆节 National Day', from: '2027-10-01', to: '2027-10-07' },
  ],
  makeUpWorkdays: [
    { name: '春节 Spring Festival', date: '2027-02-20' },
    { name: '春节 Spring Festival', date: '2027-02-27' },
    { name: '劳动节 Labour Day', date: '2027-05-08' },
    { name: '国庆节 National Day', date: '2027-09-26' },
    { name: '国庆节 National Day', date: '2027-10-09' },
  ],
};
