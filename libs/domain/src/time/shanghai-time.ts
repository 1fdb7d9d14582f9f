/**
 * Times are stored in UTC and shown in Asia/Shanghai (北京时间): the one place that turns an
 * instant into a Shanghai date or clock time, on Intl's time-zone database (no hand-kept offset).
 * (The working-day calendar keeps its own fixed-offset date arithmetic: it runs inside Temporal's
 * workflow sandbox and walks thousands of days per call.)
 */
export type Instant = Date | string | number;

export const SHANGHAI_TIME_ZONE = 'Asia/Shanghai';

const FORMAT = new Intl.DateTimeFormat('en-US', {
  timeZone: SHANGHAI_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant's Asia/Shanghai calendar date and clock time, zero-padded ('2026', '05', '20', '17', '00'). */
export interface ShanghaiParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}

export function shanghaiParts(at: Instant): ShanghaiParts {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) throw new RangeError(`无效时间 / invalid instant: ${String(at)}`);
  const p = Object.fromEntries(FORMAT.formatToParts(date).map((x) => [x.type, x.value]));
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute };
}

/** The Asia/Shanghai calendar date of an instant, YYYY-MM-DD. */
export function shanghaiDate(at: Instant): string {
  const p = shanghaiParts(at);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Today's Asia/Shanghai calendar date. */
export function shanghaiToday(now: Instant = new Date()): string {
  return shanghaiDate(now);
}

/** The Shanghai date of the last moment before an exclusive end (a period ending 2027-01-01T00:00+08:00 ends on 2026-12-31). */
export function shanghaiDateBefore(end: Instant): string {
  return shanghaiDate(new Date(end).getTime() - 1);
}

/** The Asia/Shanghai calendar year of an instant. */
export function shanghaiYear(at: Instant): number {
  return Number(shanghaiParts(at).year);
}

/** 'YYYY-MM-DD HH:mm' in Asia/Shanghai (exports, reports). */
export function shanghaiDateTime(at: Instant): string {
  const p = shanghaiParts(at);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
