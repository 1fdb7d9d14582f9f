import type { Policy } from '../policy/policy.schema';
import type { Grade } from '../hazard/vocabulary';
import { rectificationWorkingDays } from './deadline-schedule.rule';

/**
 * The working days a hazard's rectification period spans from its start (listing, or grading for a
 * general hazard): the original deadline plus every approved extension.
 */
export function usedRectificationWorkingDays(
  policy: Policy,
  h: {
    grade: Grade | null;
    generalMode: 'immediate' | 'short' | null;
    listing: { level: 'township' | 'county' | 'city'; deadlineWorkingDays?: number; relistings?: { from: string }[] } | null;
    extensions: { approvedWorkingDays: number | null }[];
  },
): number {
  if (h.grade === null) return 0;
  // The listing's own level decides its period; relisting later does not move the deadline.
  const listedAt = h.listing ? ((h.listing.relistings?.[0]?.from as typeof h.listing.level | undefined) ?? h.listing.level) : undefined;
  const base =
    h.grade === 'general'
      ? rectificationWorkingDays(policy, { grade: 'general', generalMode: h.generalMode ?? 'immediate' })
      : rectificationWorkingDays(policy, { grade: 'major', listingLevel: listedAt, requested: h.listing?.deadlineWorkingDays });
  return base + h.extensions.reduce((sum, e) => sum + (e.approvedWorkingDays ?? 0), 0);
}
