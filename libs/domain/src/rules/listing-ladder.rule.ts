import { LISTING_LEVELS, type ListingLevel } from '../hazard/vocabulary';

/** The level above a listing or review level: 镇 → 县 → 市 → 省 (province is outside the engine). */
export type LevelAbove = ListingLevel | 'province';

export const LEVEL_LABELS: Record<LevelAbove, { zh: string; en: string }> = {
  township: { zh: '镇(园区、街道)', en: 'township' },
  county: { zh: '县(区)', en: 'county' },
  city: { zh: '市', en: 'city' },
  province: { zh: '省', en: 'province' },
};

export function levelAbove(level: ListingLevel): LevelAbove {
  const i = LISTING_LEVELS.indexOf(level);
  return i + 1 < LISTING_LEVELS.length ? LISTING_LEVELS[i + 1] : 'province';
}

/** Re-listing one level up (升级挂牌) on escalation; null when already listed by the city. */
export function nextListingLevel(level: ListingLevel): ListingLevel | null {
  const above = levelAbove(level);
  return above === 'province' ? null : above;
}
