/**
 * Custom search attributes of hazard workflows: Temporal's own view of status, deadline,
 * jurisdiction, listing level and grade (the read model in PostgreSQL is the primary one).
 * Registered when the local stack starts; on a cluster, register them with
 * `temporal operator search-attribute create`.
 */
export const HAZARD_SEARCH_ATTRIBUTES = {
  HazardStatus: 'Keyword',
  HazardDeadline: 'Datetime',
  HazardJurisdiction: 'KeywordList',
  HazardListingLevel: 'Keyword',
  HazardGrade: 'Keyword',
} as const;

export type HazardSearchAttributeName = keyof typeof HAZARD_SEARCH_ATTRIBUTES;
