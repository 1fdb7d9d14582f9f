/** Asia/Shanghai is UTC+8 all year (no daylight saving), so a fixed offset is exact. */
const OFFSET_MS = 8 * 3600 * 1000;
const pad = (n: number) => String(n).padStart(2, '0');

function parts(at: Date | string) {
  const d = new Date(new Date(at).getTime() + OFFSET_MS);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), hh: pad(d.getUTCHours()), mm: pad(d.getUTCMinutes()) };
}

/** 2026年5月20日 17:00（北京时间） */
export function zhDateTime(at: Date | string): string {
  const p = parts(at);
  return `${p.y}年${p.m}月${p.d}日 ${p.hh}:${p.mm}（北京时间）`;
}

/** 2026-05-20 17:00 (Beijing time, UTC+8) */
export function enDateTime(at: Date | string): string {
  const p = parts(at);
  return `${p.y}-${pad(p.m)}-${pad(p.d)} ${p.hh}:${p.mm} (Beijing time, UTC+8)`;
}

/** The Asia/Shanghai calendar day of an instant, YYYY-MM-DD. */
export function shanghaiDate(at: Date | string | number): string {
  const p = parts(new Date(at));
  return `${p.y}-${pad(p.m)}-${pad(p.d)}`;
}
