import type { Policy } from './policy.schema';

type Versioned = Pick<Policy, 'version' | 'effectiveFrom'>;

/**
 * Version labels in natural order: runs of digits compare as numbers, so `default-v10` comes
 * after `default-v9`; the rest compares character by character.
 */
export function compareVersionLabels(a: string, b: string): number {
  const parts = (s: string) => s.match(/\d+|\D+/g) ?? [];
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    const numeric = /^\d/.test(x) && /^\d/.test(y);
    const d = numeric ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
    if (d !== 0) return Math.sign(d);
  }
  return Math.sign(pa.length - pb.length);
}

/**
 * Whether `next` supersedes `current` (a running hazard may be migrated only forward): it takes
 * effect later, or on the same day with a later version label. A policy is never superseded by
 * itself or by an older one, so a migration cannot be replayed backwards.
 */
export function isNewerPolicy(next: Versioned, current: Versioned): boolean {
  if (next.effectiveFrom !== current.effectiveFrom) return next.effectiveFrom > current.effectiveFrom;
  return compareVersionLabels(next.version, current.version) > 0;
}
