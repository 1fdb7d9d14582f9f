import { noticeProblems, type CalendarNotice } from './calendar-notice';

const notice = (over: Partial<CalendarNotice> = {}): CalendarNotice => ({
  year: 2027,
  noticeNumber: '国办发明电〔2026〕9号',
  noticeDate: '2026-11-20',
  holidays: [{ name: '春节', from: '2027-02-05', to: '2027-02-12' }],
  makeUpWorkdays: [{ name: '春节', date: '2027-02-20' }],
  ...over,
});

describe('validating a State Council notice before it is loaded', () => {
  it('accepts a well-formed notice', () => {
    expect(noticeProblems(notice())).toEqual([]);
  });

  it('refuses a date outside the notice year, naming the field', () => {
    const p = noticeProblems(notice({ holidays: [{ name: '元旦', from: '2026-12-31', to: '2027-01-01' }] }));
    expect(p).toEqual([expect.objectContaining({ code: 'date_outside_year', field: 'holidays[0].from' })]);
    expect(p[0].message).toContain('不在 2027 年内');
  });

  it('refuses a day that is both a holiday and a make-up working day', () => {
    const p = noticeProblems(notice({ makeUpWorkdays: [{ name: '春节', date: '2027-02-06' }] }));
    expect(p).toEqual([expect.objectContaining({ code: 'holiday_on_make_up_day', field: 'makeUpWorkdays[0].date' })]);
  });

  it('refuses a make-up working day on a weekday', () => {
    const p = noticeProblems(notice({ makeUpWorkdays: [{ name: '春节', date: '2027-02-17' }] }));
    expect(p).toEqual([expect.objectContaining({ code: 'make_up_day_not_weekend', field: 'makeUpWorkdays[0].date' })]);
    expect(p[0].messageEn).toContain('Wednesday');
  });

  it('refuses impossible dates, reversed or overlapping ranges, and reports them all at once', () => {
    const p = noticeProblems(
      notice({
        holidays: [
          { name: 'a', from: '2027-02-30', to: '2027-03-01' },
          { name: 'b', from: '2027-05-05', to: '2027-05-01' },
          { name: 'c', from: '2027-10-01', to: '2027-10-07' },
          { name: 'd', from: '2027-10-07', to: '2027-10-08' },
        ],
      }),
    );
    expect(p.map((x) => x.code)).toEqual(['invalid_date', 'holiday_range_reversed', 'holidays_overlap']);
  });
});
