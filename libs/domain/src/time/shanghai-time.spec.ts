import { shanghaiDate, shanghaiDateBefore, shanghaiDateTime, shanghaiParts, shanghaiToday, shanghaiYear } from './shanghai-time';

describe('Asia/Shanghai time (北京时间)', () => {
  test('an evening in UTC is already the next day in Shanghai', () => {
    expect(shanghaiDate('2025-09-30T16:30:00Z')).toBe('2025-10-01');
    expect(shanghaiDate('2025-09-30T15:59:59Z')).toBe('2025-09-30');
  });

  test('New Year in Shanghai comes eight hours before it does in UTC', () => {
    expect(shanghaiYear('2026-12-31T16:00:00Z')).toBe(2027);
    expect(shanghaiYear('2026-12-31T15:59:59Z')).toBe(2026);
    expect(shanghaiToday(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });

  test('clock times are shown on the 24-hour clock, zero-padded, with midnight as 00', () => {
    expect(shanghaiDateTime('2026-05-20T09:00:00Z')).toBe('2026-05-20 17:00');
    expect(shanghaiDateTime('2026-05-19T16:05:00Z')).toBe('2026-05-20 00:05');
    expect(shanghaiParts(Date.parse('2026-01-02T01:02:00+08:00'))).toEqual({
      year: '2026',
      month: '01',
      day: '02',
      hour: '01',
      minute: '02',
    });
  });

  test('an exclusive period end at Shanghai midnight belongs to the day before, any later moment to its own day', () => {
    expect(shanghaiDateBefore('2027-01-01T00:00:00+08:00')).toBe('2026-12-31');
    expect(shanghaiDateBefore('2027-01-01T00:00:01+08:00')).toBe('2027-01-01');
  });

  test('an invalid instant is refused, not shown as a wrong date', () => {
    expect(() => shanghaiDate('not a time')).toThrow(RangeError);
  });
});
