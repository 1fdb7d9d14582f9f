import { BUNDLED_NOTICES } from './bundled-notices';
import { compareYear } from './calendar-changes';
import { calendarFromNotices } from './cn-calendar';
import { estimateFestivals, estimateYear } from './provisional-estimate';

const days = (year: number, name: string) => {
  const f = estimateFestivals(year).find((x) => x.name.startsWith(name))!;
  return { statutory: f.statutory, substitutes: f.substitutes };
};

describe('provisional calendar (暂定日历): statutory holidays from the lunar calendar', () => {
  it('places the lunar festivals of 2027 by their lunar dates: 除夕 Feb 5, 端午 Jun 9, 中秋 Sep 15, 清明 Apr 5', () => {
    expect(days(2027, '春节').statutory).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']);
    expect(days(2027, '端午').statutory).toEqual(['2027-06-09']);
    expect(days(2027, '中秋').statutory).toEqual(['2027-09-15']);
    expect(days(2027, '清明').statutory).toEqual(['2027-04-05']);
  });

  it("uses today's statutory day counts: 春节 4 days from 除夕, 劳动节 2, 国庆 3, the others 1 (13 in all)", () => {
    const f = estimateFestivals(2026);
    expect(f.map((x) => x.statutory.length).reduce((a, b) => a + b)).toBe(13);
    expect(days(2026, '春节').statutory).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19']);
  });

  it('gives back a statutory day that falls on a weekend on the next working day (补假), and has no make-up working days', () => {
    // 2027: 春节 Sat 6 and Sun 7 Feb → Tue 9 and Wed 10; 国庆 Sat 2 and Sun 3 Oct → Mon 4 and Tue 5.
    expect(days(2027, '春节').substitutes).toEqual(['2027-02-09', '2027-02-10']);
    expect(days(2027, '国庆').substitutes).toEqual(['2027-10-04', '2027-10-05']);
    expect(days(2026, '清明').substitutes).toEqual(['2026-04-06']); // 清明 on Sunday 5 April
    expect(estimateYear(2027).makeUpWorkdays).toEqual([]);
  });

  it('a 中秋 on 1 October (as in 2020) shares a day with 国庆, and that day is given back too', () => {
    expect(days(2020, '中秋').statutory).toEqual(['2020-10-01']);
    const national = days(2020, '国庆');
    // 1 Oct 2020 is owed by the festival met second; 3 Oct is a Saturday: two days after 3 Oct.
    expect(national.substitutes).toEqual(['2020-10-05', '2020-10-06']);
  });

  it('compared with the official notices of 2024–2026 it gets about 96% of days right, and misses every make-up working day', () => {
    const estimate = calendarFromNotices([]);
    const official = calendarFromNotices(BUNDLED_NOTICES);
    const report = [2024, 2025, 2026].map((y) => compareYear(estimate, official, y));
    for (const r of report) {
      // The estimate knows no 调休: every make-up working day is a weekend it rests.
      expect(r.missedMakeUp).toHaveLength(r.makeUpDays);
      expect(r.correct / r.days).toBeGreaterThan(0.95);
      console.log(
        `${r.year}: ${r.correct}/${r.days} days right; weekday holidays found ${r.weekdayRestFound}/${r.officialWeekdayRest}; make-up days missed ${r.missedMakeUp.length}/${r.makeUpDays}; rested wrongly ${r.wronglyRested.join(', ') || 'none'}`,
      );
    }
    // Every wrong day is a bridging 调休 day, a make-up day, or (2024) 除夕 under the older rules.
    expect(report.flatMap((r) => r.wronglyRested)).toEqual(['2024-02-09']);
  });
});
