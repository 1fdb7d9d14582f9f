import type { DocumentKind } from '@hazards/domain/accountability/document-kinds';
import type { Actor } from '@hazards/domain/hazard/actor';
import type { ListingLevel } from '@hazards/domain/hazard/vocabulary';

/**
 * What the workflow knows and a document states (the hazard's facts at the moment of issue). The
 * activity adds what the read model knows (the enterprise's name and credit code, the authority)
 * and what the calendar gives (the reply date); the template fills its text from both.
 */
export interface DocumentFacts {
  enterpriseId: string;
  description: string;
  location: string | null;
  grade: string | null;
  listing: { level: ListingLevel; authority: string; leadDepartment: string; listedAt: string; orderNumber?: string | null } | null;
  rectificationDeadline: string | null;
  /** Ladder documents: the stage and how many working days overdue it fires at. */
  stage?: number;
  overdueWorkingDays?: number;
  /** What the addressee must do (a supervisor's words on demand; the template's own otherwise). */
  requirement?: string;
  /** The written reply is due this many working days after issue. */
  replyWithinWorkingDays?: number;
  /** Penalty decisions. */
  penalty?: {
    lawArticle: string;
    amountYuan: number;
    subject: 'enterprise' | 'responsible_person';
    subjectName?: string | null;
    conduct?: string | null;
    basisNumber?: string | null;
  };
  /** Delisting notices. */
  closedAt?: string;
  /** Listing notices: when the notice says the listing was decided. */
  escalations?: number;
}

/** The activity's input: idempotent on `key` (a retry, or a second worker, gets the same document). */
export interface IssueDocumentInput {
  key: string;
  hazardId: string;
  kind: DocumentKind;
  issuedAt: string;
  issuedBy: Actor;
  /** The level whose authority issues it: the listing level (the city, for a city listing). */
  issuerLevel: ListingLevel;
  jurisdictionPath: string[];
  facts: DocumentFacts;
}

export interface IssuedDocument {
  documentId: string;
  kind: DocumentKind;
  number: string;
  title: string;
  sha256: string;
  sizeBytes: number;
  fileName: string;
  replyDueAt: string | null;
}

export interface PublishNoticeInput {
  documentId: string;
  publishedAt: string;
}
