import { LISTING_LEVELS, type ListingLevel } from '../hazard/vocabulary';

/** The level above a listing or review level: 镇 → 县 → 市 → 省 (province is outside the engine). */
export type LevelAbove = ListingLevel | 'province';

export const LEVEL_LABELS: Record<LevelAbove, { zh: string; en: string }> = {
  township: { zh: '镇(园区、街道)', en: 'township' },
  county: { zh: '县(区)', en: 'county' },
  city: { zh: '市', en: 'city' },
  province: { zh: '省', en: 'province' },
};

const RANK: Record<LevelAbove, number> = { township: 0, county: 1, city: 2, province: 3 };

/** Whether `level` is `than` or higher on 镇 → 县 → 市 → 省. */
export function isAtOrAbove(level: LevelAbove, than: LevelAbove): boolean {
  return RANK[level] >= RANK[than];
}

export function levelAbove(level: ListingLevel): LevelAbove {
  const i = LISTING_LEVELS.indexOf(level);
  return i + 1 < LISTING_LEVELS.length ? LISTING_LEVELS[i + 1] : 'province';
}

/** Re-listing one level up (升级挂牌) on escalation; null when already listed by the city. */
export function nextListingLevel(level: ListingLevel): ListingLevel | null {
  const above = levelAbove(level);
  return above === 'province' ? null : above;
}

/**
 * Where a relist stage of the overdue ladder takes a listing: to the level the stage names when
 * that is higher (policy default-v2 on), else nowhere (null). A stage that names no level
 * (earlier policies) relists one level up.
 */
export function relistTarget(current: ListingLevel, relistTo: ListingLevel | undefined): ListingLevel | null {
  if (relistTo === undefined) return nextListingLevel(current);
  return RANK[relistTo] > RANK[current] ? relistTo : null;
}
