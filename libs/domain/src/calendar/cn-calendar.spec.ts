import { parseCalendarNotice } from './bundled-notices';
import { addWorkingDays, cnCalendar, isWorkingDay, workingDaysBetween } from './cn-calendar';
import { shiftWorkingDays } from './shift-working-days';
import { shanghaiDate } from './working-day-calendar';

// 10:00 in Shanghai is 02:00 UTC.
const sh = (date: string, time = '10:00:00') => new Date(`${date}T${time}+08:00`);

describe('Chinese working-day calendar (工作日历)', () => {
  it('treats the 国庆 holiday week as rest days and the 调休 Saturdays/Sundays as working days', () => {
    expect(isWorkingDay(sh('2025-10-01'))).toBe(false);
    expect(isWorkingDay(sh('2025-10-08'))).toBe(false); // 2025: 国庆 + 中秋 together, Oct 1–8
    expect(isWorkingDay(sh('2025-09-28'))).toBe(true); // Sunday make-up
    expect(isWorkingDay(sh('2025-10-11'))).toBe(true); // Saturday make-up
    expect(isWorkingDay(sh('2026-10-07'))).toBe(false);
    expect(isWorkingDay(sh('2026-09-20'))).toBe(true);
    expect(isWorkingDay(sh('2026-10-10'))).toBe(true);
  });

  it('knows the 2026 Spring Festival: Feb 15–23 off, Feb 14 and Feb 28 worked', () => {
    for (let d = 15; d <= 23; d++) expect(isWorkingDay(sh(`2026-02-${d}`))).toBe(false);
    expect(isWorkingDay(sh('2026-02-14'))).toBe(true);
    expect(isWorkingDay(sh('2026-02-28'))).toBe(true);
    expect(isWorkingDay(sh('2026-02-24'))).toBe(true);
  });

  it('knows 2024: 春节 Feb 10–17 off with Feb 4 and Feb 18 worked; 国庆 Oct 1–7 with Sep 29 and Oct 12 worked', () => {
    expect(isWorkingDay(sh('2024-02-16'))).toBe(false);
    expect(isWorkingDay(sh('2024-02-04'))).toBe(true);
    expect(isWorkingDay(sh('2024-02-18'))).toBe(true);
    expect(isWorkingDay(sh('2024-10-04'))).toBe(false);
    expect(isWorkingDay(sh('2024-09-29'))).toBe(true);
    expect(isWorkingDay(sh('2024-10-12'))).toBe(true);
  });

  it('uses the Shanghai date, not the UTC date: 00:30 Shanghai on Oct 1 is already the holiday', () => {
    const t = new Date('2025-09-30T16:30:00Z'); // = 2025-10-01 00:30 +08:00
    expect(shanghaiDate(t)).toBe('2025-10-01');
    expect(isWorkingDay(t)).toBe(false);
  });

  it('counts a deadline across the 国庆 holiday week in working days, keeping the time of day', () => {
    // Listed Thursday 2025-09-25 at 15:00; 5 working days: Fri 26, Sun 28 (调休), Mon 29, Tue 30, Thu Oct 9.
    const due = addWorkingDays(sh('2025-09-25', '15:00:00'), 5);
    expect(due.toISOString()).toBe(sh('2025-10-09', '15:00:00').toISOString());
    expect(workingDaysBetween(sh('2025-09-25'), due)).toBe(5);
  });

  it('starting on a rest day counts from the next working day; zero days is unchanged', () => {
    expect(addWorkingDays(sh('2025-10-04'), 1).toISOString()).toBe(sh('2025-10-09').toISOString());
    expect(addWorkingDays(sh('2025-10-04'), 0).toISOString()).toBe(sh('2025-10-04').toISOString());
  });

  it('counts backwards for reminders: 3 working days before Oct 9 is the 调休 Sunday Sep 28', () => {
    expect(addWorkingDays(sh('2025-10-09'), -3).toISOString()).toBe(sh('2025-09-28').toISOString());
    expect(workingDaysBetween(sh('2025-10-09'), sh('2025-09-28'))).toBe(-3);
  });

  it('between two instants on the same day there are no working days', () => {
    expect(workingDaysBetween(sh('2025-10-09', '08:00:00'), sh('2025-10-09', '18:00:00'))).toBe(0);
  });

  it('counts a year without its notice with the provisional estimate, not Monday to Friday', () => {
    expect(cnCalendar.isYearListed(2026)).toBe(true);
    expect(cnCalendar.isYearListed(2027)).toBe(false);
    expect(cnCalendar.yearSource(2027)).toBe('provisional');
    expect(isWorkingDay(sh('2027-10-01'))).toBe(false); // 国庆, a Friday
    expect(isWorkingDay(sh('2027-10-04'))).toBe(false); // given back for 2 and 3 October (a weekend)
    expect(isWorkingDay(sh('2027-10-06'))).toBe(true);
    expect(isWorkingDay(sh('2027-02-08'))).toBe(false); // 正月初三
  });

  it('the shiftWorkingDays activity answers many offsets from one instant in one call', () => {
    const out = shiftWorkingDays({ from: sh('2025-09-25', '15:00:00').toISOString(), offsets: [0, 5, -1] });
    expect(out).toEqual([
      sh('2025-09-25', '15:00:00').toISOString(),
      sh('2025-10-09', '15:00:00').toISOString(),
      sh('2025-09-24', '15:00:00').toISOString(),
    ]);
  });

  it('refuses a malformed notice file when it is loaded', () => {
    const bad = {
      year: 2030,
      noticeNumber: 'x',
      noticeDate: '2029-11-01',
      holidays: [{ name: 'x', from: '2030/10/01', to: '2030-10-07' }],
      makeUpWorkdays: [],
    };
    expect(() => parseCalendarNotice(bad, '2030.json')).toThrow(/2030\.json.*YYYY-MM-DD/);
  });
});
