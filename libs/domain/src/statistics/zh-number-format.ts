import { shanghaiDate } from '../time/shanghai-time';
/**
 * Figures as Chinese official documents (通报) write them: whole numbers in Arabic digits without
 * thousands separators (23796), percentages with at most one decimal (12.5%, 50%), money over
 * ten thousand yuan in 万元 with at most two decimals (71.9万元), dates as 2016年4月28日.
 */
export function zhCount(n: number): string {
  return String(Math.round(n));
}

/** A count with its measure word: zhCounted(163, '个') → '163个'. */
export function zhCounted(n: number, unit: string): string {
  return `${zhCount(n)}${unit}`;
}

const trimZeros = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);

/** A ratio (0..1) as a percentage with one decimal at most; null (no denominator) as '—'. */
export function zhPercent(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  return `${trimZeros((Math.round(ratio * 1000) / 10).toFixed(1))}%`;
}

/** Yuan: under 10000 as 'N元', else in 万元 with up to two decimals (719000 → '71.9万元'). */
export function zhYuan(amount: number): string {
  if (Math.abs(amount) < 10000) return `${trimZeros(amount.toFixed(2))}元`;
  return `${trimZeros((Math.round(amount / 100) / 100).toFixed(2))}万元`;
}

/** A Shanghai calendar date 'YYYY-MM-DD' (or an instant) as '2016年4月28日'. */
export function zhDate(date: string | Date): string {
  const d = typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : shanghaiDate(date);
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
}
