import { calendarHealth, coverageYears, isProvisionalInstant, yearStatus } from './calendar-coverage';

const official = [2024, 2025, 2026];

describe('calendar coverage: which years are official, provisional or missing', () => {
  it('lists each year from the first official one through next year', () => {
    expect(coverageYears(official, '2026-11-30')).toEqual([2024, 2025, 2026, 2027]);
    expect(yearStatus(2026, official, '2026-11-30')).toBe('official');
    expect(yearStatus(2027, official, '2026-11-30')).toBe('provisional');
    expect(yearStatus(2025, [2024, 2026], '2026-11-30')).toBe('missing');
  });

  it('is degraded from 1 November while next year has no notice, with the reason', () => {
    expect(calendarHealth(official, '2026-10-31T15:59:00Z').degraded).toBe(false); // 23:59 on 31 Oct in Shanghai
    const h = calendarHealth(official, '2026-10-31T16:00:00Z'); // 00:00 on 1 Nov in Shanghai
    expect(h.degraded).toBe(true);
    expect(h.reasons).toEqual([expect.objectContaining({ code: 'next_year_not_official', year: 2027 })]);
    expect(h.reasons[0].message).toContain('2027年国务院放假安排尚未载入');
    expect(calendarHealth([...official, 2027], '2026-11-30T00:00:00Z').degraded).toBe(false);
  });

  it('is degraded all year while this year has no notice', () => {
    expect(calendarHealth([2024, 2025], '2026-03-01T00:00:00Z').reasons.map((r) => r.code)).toEqual(['current_year_not_official']);
  });

  it('marks a deadline provisional when its Shanghai date falls in a year without a notice', () => {
    expect(isProvisionalInstant('2027-04-13T02:00:00Z', official)).toBe(true);
    expect(isProvisionalInstant('2026-12-31T15:59:00Z', official)).toBe(false);
    expect(isProvisionalInstant('2026-12-31T16:00:00Z', official)).toBe(true); // already 2027 in Shanghai
    expect(isProvisionalInstant(null, official)).toBe(false);
  });
});
