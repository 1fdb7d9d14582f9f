import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes of hazard workflows: Temporal's own view of status, deadline,
 * jurisdiction, listing level and grade (the read model in PostgreSQL is the primary one).
 * Registered when the local stack starts and on the test servers; on a cluster, register them
 * with `temporal operator search-attribute create`.
 */
export const HAZARD_SEARCH_ATTRIBUTES = {
  HazardStatus: 'Keyword',
  HazardDeadline: 'Datetime',
  HazardJurisdiction: 'KeywordList',
  HazardListingLevel: 'Keyword',
  HazardGrade: 'Keyword',
} as const;

export type HazardSearchAttributeName = keyof typeof HAZARD_SEARCH_ATTRIBUTES;

/** Typed keys, for the workflow's upserts, the client's start and list queries. */
export const HAZARD_SA_KEYS = {
  status: defineSearchAttributeKey('HazardStatus', SearchAttributeType.KEYWORD),
  deadline: defineSearchAttributeKey('HazardDeadline', SearchAttributeType.DATETIME),
  jurisdiction: defineSearchAttributeKey('HazardJurisdiction', SearchAttributeType.KEYWORD_LIST),
  listingLevel: defineSearchAttributeKey('HazardListingLevel', SearchAttributeType.KEYWORD),
  grade: defineSearchAttributeKey('HazardGrade', SearchAttributeType.KEYWORD),
} as const;
