import type { Lang } from './i18n';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as Asia/Shanghai wall time, `2026-05-01 09:00`, whatever the browser's own zone. */
export function shanghai(iso: string | null | undefined, withTime = true): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = Object.fromEntries(parts.formatToParts(d).map((x) => [x.type, x.value]));
  const date = `${p.year}-${p.month}-${p.day}`;
  return withTime ? `${date} ${p.hour}:${p.minute}` : date;
}

/** Now plus an offset as ISO 8601 with the +08:00 offset the API asks for. */
export function shanghaiIso(d = new Date()): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}+08:00`;
}

/** A share as a percentage; '—' when there was nothing to count. */
export function percent(r: number | null): string {
  if (r === null || r === undefined) return '—';
  return `${(r * 100).toFixed(r === 0 || r === 1 ? 0 : 1)}%`;
}

export function number(lang: Lang, n: number): string {
  return n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB');
}
