/*
 * Types only, no imports: the web console's public page imports it too
 * (console/src/pages/public-notices.tsx).
 */

/** What a published notice shows the public: the notice's public fields, never a person's name, phone or evidence. */
export interface PublicNotice {
  number: string;
  kind: 'listing_notice' | 'delisting_notice';
  title: string;
  issuerName: string;
  publishedAt: string;
  enterprise: string;
  hazard: string;
  listingAuthority: string | null;
  listingLevel: string | null;
  leadDepartment: string | null;
  deadline: string | null;
  orderNumber: string | null;
  listedAt: string | null;
  closedAt: string | null;
}
