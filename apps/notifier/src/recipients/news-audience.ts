import type { DomainEvent } from '@hazards/events/domain-event';
import type { HazardContext } from '../messages/hazard-context.loader';
import { treeLevelOf } from './audience';
import { dedupe, type RecipientResolver } from './recipient.resolver';
import type { Recipient } from './recipient.types';

const ABOVE = { grid: 'township', township: 'county', county: 'city', city: 'city' } as const;

/**
 * Who hears of an event in the daily digest rather than at once (issue 18): the level above the
 * one that acted, who may see many listings and sign-offs a day. A listing or a sign-off goes to
 * the supervisors of the level above the listing level (above the township for a general hazard).
 */
export async function digestAudienceFor(event: DomainEvent, h: HazardContext, r: RecipientResolver): Promise<Recipient[]> {
  switch (event.type) {
    case 'hazard.listed':
    case 'hazard.closed': {
      const level = treeLevelOf(h.listingLevel, 'township');
      const above = ABOVE[level];
      // A city listing has no level above it in the tree: the city's own supervisors read the digest.
      return dedupe(await r.supervisorsAt(h, above));
    }
    default:
      return [];
  }
}

/** What a news item in a digest says: kept with the item, since it may outlive the hazard's state. */
export interface NewsInfo {
  kind: 'listed' | 'closed' | 'filing_missing';
  title: string;
  titleEn: string;
  enterprise: string;
  link: string;
}
