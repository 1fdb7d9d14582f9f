import fc from 'fast-check';
import { BUNDLED_NOTICES } from './bundled-notices';
import { countOnCopy, copyYears, type CalendarCopy } from './calendar-copy';
import { cnCalendar, copyFromNotices } from './cn-calendar';
import { shanghaiDate } from './working-day-calendar';

const DAY = 24 * 3600_000;
const MADE_AT = new Date('2026-12-01T02:00:00Z');
const copy = copyFromNotices(7, BUNDLED_NOTICES, MADE_AT);
const yearOf = (ms: number) => Number(shanghaiDate(ms).slice(0, 4));

describe('a calendar copy carried by an action (日历副本)', () => {
  it('holds last year to two years ahead of when it was made, dates only', () => {
    expect(copyYears(MADE_AT)).toEqual([2025, 2026, 2027, 2028]);
    expect(Object.keys(copy.years)).toEqual(['2025', '2026', '2027', '2028']);
    expect(copy.version).toBe(7);
    // 2026's notice: 春节 Feb 15–23 off, Feb 14 and 28 worked; no names or numbers travel.
    expect(copy.years['2026'].holidays).toContainEqual({ from: '2026-02-15', to: '2026-02-23' });
    expect(copy.years['2026'].makeUpWorkdays).toEqual(expect.arrayContaining([{ date: '2026-02-14' }, { date: '2026-02-28' }]));
    expect(JSON.stringify(copy)).not.toMatch(/name|notice/);
  });

  it('counts as the live calendar counts, official and provisional years alike, or declines outside its years', () => {
    const start = Date.parse('2025-01-01T00:00:00+08:00');
    const end = Date.parse('2029-01-01T00:00:00+08:00');
    fc.assert(
      fc.property(
        fc.integer({ min: start - 60 * DAY, max: end + 60 * DAY }),
        fc.array(fc.integer({ min: -60, max: 250 }), { minLength: 1, maxLength: 6 }),
        (from, offsets) => {
          const fromIso = new Date(from).toISOString();
          const counted = countOnCopy(copy, fromIso, offsets);
          const expected = offsets.map((n) => cnCalendar.addWorkingDays(fromIso, n).getTime());
          // Every date a count walks through lies between its start and its result.
          const inside = expected.every((t) => [from, t].every((x) => yearOf(x) >= 2025 && yearOf(x) <= 2028));
          if (inside) expect(counted?.map(Date.parse)).toEqual(expected);
          else expect(counted).toBeNull();
        },
      ),
      { numRuns: 400, seed: 20261201 },
    );
  });

  it("counts the copy's days, not the shipped calendar's: a holiday only the copy knows moves the deadline", () => {
    const amended: CalendarCopy = {
      ...copy,
      years: {
        ...copy.years,
        '2026': { ...copy.years['2026'], holidays: [...copy.years['2026'].holidays, { from: '2026-12-02', to: '2026-12-04' }] },
      },
    };
    const from = '2026-12-01T02:00:00.000Z'; // Tuesday 10:00 in Shanghai
    expect(countOnCopy(copy, from, [1])).toEqual(['2026-12-02T02:00:00.000Z']);
    expect(countOnCopy(amended, from, [1, 2])).toEqual(['2026-12-07T02:00:00.000Z', '2026-12-08T02:00:00.000Z']);
  });

  it('declines a copy that is not one, instead of throwing inside a workflow task', () => {
    expect(countOnCopy({ version: 1, years: null } as unknown as CalendarCopy, '2026-12-01T02:00:00.000Z', [3])).toBeNull();
    expect(
      countOnCopy({ version: 1, years: { 2026: { holidays: 5 } } } as unknown as CalendarCopy, '2026-12-01T02:00:00.000Z', [3]),
    ).toBeNull();
    expect(countOnCopy(copy, 'not a date', [3])).toBeNull();
  });
});
