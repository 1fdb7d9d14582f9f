import type { DocumentKind, NoticeKind, OnDemandKind } from '@hazards/domain/accountability/document-kinds';
import type { Actor } from '@hazards/domain/hazard/actor';
import type { ListingLevel } from '@hazards/domain/hazard/vocabulary';

/**
 * Accountability made concrete (issue 18): the documents, notices and interviews a hazard's
 * lifecycle produces, as the workflow keeps them, and the updates that act on them.
 */

/** A numbered document issued for the hazard; its number and SHA-256 are in the step that issued it. */
export interface DocumentRef {
  documentId: string;
  kind: DocumentKind;
  number: string;
  title: string;
  sha256: string;
  issuedAt: string;
  /** The ladder stage that issued it; absent for documents issued on demand or by an action. */
  stage?: number;
  replyDueAt: string | null;
}

/** 挂牌公告 / 摘牌公告: published within the policy's window (timers while it is not). */
export interface NoticeState {
  documentId: string;
  kind: NoticeKind;
  number: string;
  /** The level whose authority publishes it (the listing level when it was issued). */
  level: ListingLevel;
  issuedAt: string;
  /** When the publication window closes; null under a policy without publication timers. */
  dueAt: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
}

/** 约谈: ordered by the ladder's interview stage, scheduled by the supervisor, then held. */
export interface InterviewState {
  /** The ladder stage that ordered it. */
  stage: number;
  /** The level that conducts it (the listing level when ordered). */
  level: ListingLevel;
  orderedAt: string;
  /** Must be held by then (policy `interview.holdWithinWorkingDays`). */
  dueAt: string;
  scheduled: {
    at: string;
    place: string;
    enterprisePrincipal: string;
    departmentResponsible: string;
    by: string;
    recordedAt: string;
  } | null;
  held: { at: string; attendees: string[]; minutesFileId: string; summary: string | null; by: string; recordedAt: string } | null;
}

/** 发督办函 / 停产整顿建议 on demand, by a supervisor of the listing level or above. */
export interface IssueLetterInput {
  actor: Actor;
  kind: OnDemandKind;
  /** What the addressee must do; the template's own words when absent. */
  requirement?: string;
}

/** 公布: a notice was published on this date (default now). */
export interface PublishNoticeInput {
  actor: Actor;
  documentId: string;
  publishedAt?: string;
}

/** 约谈安排: date, place, the enterprise's principal and the department's person responsible. */
export interface ScheduleInterviewInput {
  actor: Actor;
  /** Index in `interviews`; default the latest. */
  interview?: number;
  at: string;
  place: string;
  enterprisePrincipal: string;
  departmentResponsible: string;
}

/** 约谈记录: held, with who attended and the minutes (an uploaded file of the hazard). */
export interface HoldInterviewInput {
  actor: Actor;
  interview?: number;
  heldAt?: string;
  attendees: string[];
  minutesFileId: string;
  summary?: string;
}
