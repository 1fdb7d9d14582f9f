import { shanghaiDate, shanghaiDateTime, shanghaiIso as isoAtShanghai } from '@hazards/domain/time/shanghai-time';
import type { Lang } from './i18n';

/** An instant as Asia/Shanghai wall time, `2026-05-01 09:00`, whatever the browser's own zone. */
export function shanghai(iso: string | null | undefined, withTime = true): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return withTime ? shanghaiDateTime(d) : shanghaiDate(d);
}

/** Now plus an offset as ISO 8601 with the +08:00 offset the API asks for. */
export function shanghaiIso(d = new Date()): string {
  return isoAtShanghai(d);
}

/** A share as a percentage; '—' when there was nothing to count. */
export function percent(r: number | null): string {
  if (r === null || r === undefined) return '—';
  return `${(r * 100).toFixed(r === 0 || r === 1 ? 0 : 1)}%`;
}

export function number(lang: Lang, n: number): string {
  return n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB');
}
