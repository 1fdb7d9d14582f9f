import type { Policy } from '../policy/policy.schema';
import type { Grade, ListingLevel } from '../hazard/vocabulary';

/** A review step: a listing level's review (复核), or the verification (核查) of a general hazard. */
export type ReviewLevel = ListingLevel | 'verification';

/**
 * 三级复核: the review levels a hazard must pass, in order. By default a township listing needs
 * [township], a county listing [township, county], a city listing [township, county, city].
 * General hazards are verified once.
 */
export function reviewLevelsFor(policy: Policy, grade: Grade, listingLevel: ListingLevel | null): ReviewLevel[] {
  if (grade === 'general' || listingLevel === null) return ['verification'];
  return [...policy.review.levelsByListingLevel[listingLevel]];
}
