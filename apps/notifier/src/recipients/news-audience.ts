import type { DomainEvent } from '@hazards/events/domain-event';
import type { NewsItem } from '@hazards/persistence/notifications/digest-news.repository';
import type { MissingFiling } from '@hazards/persistence/filings/missing-filings';
import { LEVEL_LABELS, type LevelAbove } from '@hazards/domain/rules/listing-ladder.rule';
import type { HazardContext } from '../messages/hazard-context.loader';
import { hazardLink, type DigestNews } from '../messages/message-composer';
import { treeLevelOf } from './audience';
import { dedupe, type RecipientResolver } from './recipient.resolver';
import type { Recipient } from './recipient.types';

const ABOVE = { grid: 'township', township: 'county', county: 'city', city: 'city' } as const;

/** What a news item in a digest says: kept with the item, since it may outlive the hazard's state. */
export type NewsInfo = DigestNews;

/**
 * Who hears of an event in the daily digest rather than at once (issue 18), and what the digest
 * says of it: the level above the one that acted, who may see many listings, sign-offs and missing
 * filings a day. The enterprise and the lead department are told at once (audience.ts).
 * - a listing or a sign-off: the supervisors of the level above the listing level (above the
 *   township for a general hazard; a city listing has no level above it in the tree, so the city's
 *   own supervisors read it);
 * - a missing statistics filing: the supervisors of the enterprise's township (the 属地 level above
 *   its grid), one line per enterprise and period.
 */
export async function newsFor(
  event: DomainEvent,
  h: HazardContext | null,
  r: RecipientResolver,
  baseUrl: string,
): Promise<{ recipients: Recipient[]; info: NewsInfo } | null> {
  const p = event.payload as Record<string, unknown>;
  switch (event.type) {
    case 'hazard.listed':
    case 'hazard.closed': {
      if (!h) return null;
      const level = treeLevelOf(h.listingLevel, 'township');
      const recipients = dedupe(await r.supervisorsAt(h, ABOVE[level]));
      const listed = event.type === 'hazard.listed';
      const lv = LEVEL_LABELS[level as LevelAbove] ?? { zh: '', en: '' };
      const delisted = !listed && p.delisted === true;
      return {
        recipients,
        info: {
          kind: listed ? 'listed' : 'closed',
          title: listed ? `${lv.zh}级挂牌督办：${h.description}` : `${delisted ? '销号摘牌' : '销号'}：${h.description}`,
          titleEn: listed
            ? `listed (${lv.en}): ${h.description}`
            : `${delisted ? 'signed off and delisted' : 'signed off'}: ${h.description}`,
          enterprise: h.enterpriseName,
          link: hazardLink(baseUrl, h.id),
        },
      };
    }
    case 'filing.missing': {
      const f = p as unknown as MissingFiling;
      const pathIds = String(f.jurisdictionPath ?? '')
        .split('/')
        .filter(Boolean);
      if (pathIds.length === 0) return null;
      const recipients = dedupe(await r.supervisorsAt({ pathIds, jurisdictionPath: f.jurisdictionPath }, 'township'));
      return {
        recipients,
        info: {
          kind: 'filing_missing',
          title: `未报送${f.periodKind === 'annual' ? '年度' : '季度'}统计 ${f.period}（应于${f.dueOn}前报送）`,
          titleEn: `${f.periodKind === 'annual' ? 'annual' : 'quarterly'} statistics ${f.period} not filed (due ${f.dueOn})`,
          enterprise: f.enterpriseName,
          link: `${baseUrl.replace(/\/+$/, '')}/#/board`,
        },
      };
    }
    default:
      return null;
  }
}

/** The digest items of a piece of news: one per recipient, kept until the next daily digest. */
export function newsItems(event: DomainEvent, news: { recipients: Recipient[]; info: NewsInfo }): NewsItem[] {
  return news.recipients.map((recipient) => ({
    recipientKey: recipient.key,
    recipient,
    eventId: event.eventId,
    hazardId: event.hazardId,
    kind: `news.${news.info.kind}`,
    at: event.occurredAt,
    info: news.info as unknown as Record<string, unknown>,
  }));
}
