import type { Policy } from '../policy/policy.schema';
import type { Grade } from '../hazard/vocabulary';

const DAY_MS = 24 * 3600 * 1000;

export interface Art113Result {
  triggered: boolean;
  /** The threshold met, e.g. { penalties: 3, withinDays: 180 }. */
  threshold?: { penalties: number; withinDays: number };
  /** Penalties counted in that window, oldest first (ISO). */
  counted?: string[];
}

/**
 * Safety Law 2021 art 113: a major hazard punished 3 times within 180 days, or 4 times within a
 * year, leads to a closure proposal (提请关闭). Windows are calendar days ending at `now`.
 */
export function checkArt113(policy: Policy, grade: Grade | null, penaltyTimes: string[], now: number): Art113Result {
  if (grade === null || !policy.accountability.art113.grades.includes(grade)) return { triggered: false };
  for (const t of policy.accountability.art113.thresholds) {
    const since = now - t.withinDays * DAY_MS;
    const counted = penaltyTimes.filter((p) => Date.parse(p) >= since && Date.parse(p) <= now).sort();
    if (counted.length >= t.penalties) return { triggered: true, threshold: { ...t }, counted };
  }
  return { triggered: false };
}
