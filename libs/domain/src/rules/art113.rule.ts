import type { Policy } from '../policy/policy.schema';
import type { Grade } from '../hazard/vocabulary';

const DAY_MS = 24 * 3600 * 1000;

/** Art 113 counts administrative penalties "under this law": the Safety Law, unless policy names others. */
export const SAFETY_LAW_TITLES = ['安全生产法', '中华人民共和国安全生产法'] as const;

export interface Art113Result {
  triggered: boolean;
  /** The threshold met, e.g. { penalties: 3, withinDays: 180 }. */
  threshold?: { penalties: number; withinDays: number };
  /** Penalties counted in that window, oldest first (ISO). */
  counted?: string[];
}

/** A penalty on one of the enterprise's hazards, as art 113 sees it. */
export interface EnterprisePenalty {
  hazardId: string;
  decidedAt: string;
  lawArticle: string;
}

/** The law a penalty was given under: the title in 《》 of its lawArticle, or null when it names none. */
export function lawOf(lawArticle: string): string | null {
  const m = /《([^》]+)》/.exec(lawArticle);
  return m ? m[1].trim() : null;
}

/** Whether a penalty counts for art 113: given under a law the policy names (by default the Safety Law). */
export function countsForArt113(policy: Policy, lawArticle: string): boolean {
  const law = lawOf(lawArticle);
  const laws: readonly string[] = policy.accountability.art113.countedLaws ?? SAFETY_LAW_TITLES;
  return law !== null && laws.includes(law);
}

/**
 * Safety Law 2021 art 113 (3): an enterprise with a major hazard penalised under the law 3 times
 * within 180 days, or 4 times within a year, is proposed for closure (提请关闭). The count is the
 * enterprise's, across its hazards; each window ends at a penalty's own decision date, so a
 * cluster of penalties recorded late (补录) counts as it happened.
 */
export function art113Closure(policy: Policy, penalties: readonly EnterprisePenalty[]): Art113Result {
  const times = penalties
    .filter((p) => countsForArt113(policy, p.lawArticle))
    .map((p) => Date.parse(p.decidedAt))
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  for (const t of policy.accountability.art113.thresholds) {
    for (const end of times) {
      const counted = times.filter((x) => x <= end && x >= end - t.withinDays * DAY_MS);
      if (counted.length >= t.penalties)
        return { triggered: true, threshold: { ...t }, counted: counted.map((x) => new Date(x).toISOString()) };
    }
  }
  return { triggered: false };
}

/** Whether art 113 looks at a hazard of this grade at all (by default: major hazards). */
export function art113Applies(policy: Policy, grade: Grade | null): boolean {
  return grade !== null && policy.accountability.art113.grades.includes(grade);
}

/**
 * The rule as it was before default-v2 (one hazard's penalties, windows ending now, every penalty
 * counted). Kept only so that hazards recorded under it replay unchanged; see `art113Closure`.
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
