import { shanghaiParts, type Instant } from '@hazards/domain/time/shanghai-time';

/** How messages write a time: 2026年5月20日 17:00（北京时间） */
export function zhDateTime(at: Instant): string {
  const p = shanghaiParts(at);
  return `${p.year}年${Number(p.month)}月${Number(p.day)}日 ${p.hour}:${p.minute}（北京时间）`;
}

/** 2026-05-20 17:00 (Beijing time, UTC+8) */
export function enDateTime(at: Instant): string {
  const p = shanghaiParts(at);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} (Beijing time, UTC+8)`;
}
