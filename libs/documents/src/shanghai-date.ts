const OFFSET_MS = 8 * 3600 * 1000;

/** 2026年5月20日 (Asia/Shanghai), as documents date things. */
export function zhDate(at: string | Date): string {
  const d = new Date(new Date(at).getTime() + OFFSET_MS);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}
