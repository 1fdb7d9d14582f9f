import { proxyActivities } from '@temporalio/workflow';
import type { DocumentKind, NoticeKind } from '@hazards/domain/accountability/document-kinds';
import type { Actor } from '@hazards/domain/hazard/actor';
import type { ListingLevel } from '@hazards/domain/hazard/vocabulary';
import type { DocumentActivities, DocumentFacts, IssueDocumentInput, IssuedDocument } from '@hazards/temporal/document-activities';
import type { DocumentRef, NoticeState } from '../accountability.types';
import type { HazardState } from '../hazard-lifecycle.types';
import { iso, type LifecycleContext } from './context';

// Issuing a document writes its number and bytes: retried until it succeeds (it is idempotent on its key).
const { issueDocument, publishNotice } = proxyActivities<DocumentActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** The hazard's facts a document states, as the workflow knows them now. */
export function documentFacts(s: HazardState, extra: Partial<DocumentFacts> = {}): DocumentFacts {
  return {
    enterpriseId: s.enterpriseId,
    description: s.description,
    location: s.location,
    grade: s.grade,
    listing: s.listing
      ? {
          level: s.listing.level,
          authority: s.listing.authority,
          leadDepartment: s.listing.leadDepartment,
          listedAt: s.listing.listedAt,
          orderNumber: s.listing.orderNumber ?? null,
        }
      : null,
    rectificationDeadline: s.deadlines.rectification,
    ...extra,
  };
}

/** The level a document of this hazard is issued at: its listing level, else the township's. */
export const issuingLevel = (s: HazardState): ListingLevel => s.listing?.level ?? 'township';

/** A document asked for: the activity's input, and how the state keeps what the activity returns. */
export interface DocumentRequest {
  input: IssueDocumentInput;
  keep(d: IssuedDocument): DocumentRef;
}

/**
 * The request for a numbered, rendered, stored document of this hazard. The key is taken
 * synchronously, so interleaved updates never share one, and a replayed or retried call gets the
 * same document back; `keep` adds its reference (number, SHA-256) to the state.
 */
export function requestDocument(
  ctx: LifecycleContext,
  kind: DocumentKind,
  o: { actor: Actor; issuerLevel: ListingLevel; key?: string; stage?: number; facts?: Partial<DocumentFacts> },
): DocumentRequest {
  const s = ctx.s;
  s.documentRequests = (s.documentRequests ?? 0) + 1;
  const key = `${s.hazardId}:${o.key ?? `${kind}-${s.documentRequests}`}`;
  const issuedAt = iso(ctx.now());
  const input: IssueDocumentInput = {
    key,
    hazardId: s.hazardId,
    kind,
    issuedAt,
    issuedBy: o.actor,
    issuerLevel: o.issuerLevel,
    jurisdictionPath: s.jurisdictionPath,
    facts: documentFacts(s, o.facts),
  };
  const keep = (d: IssuedDocument): DocumentRef => {
    const ref: DocumentRef = {
      documentId: d.documentId,
      kind,
      number: d.number,
      title: d.title,
      sha256: d.sha256,
      issuedAt,
      replyDueAt: d.replyDueAt,
      ...(o.stage !== undefined ? { stage: o.stage } : {}),
    };
    s.documents.push(ref);
    return ref;
  };
  return { input, keep };
}

/** 发文: issues the document by its own activity and keeps its reference; the caller records it in its step. */
export async function issue(ctx: LifecycleContext, kind: DocumentKind, o: Parameters<typeof requestDocument>[2]): Promise<DocumentRef> {
  return issueRequested(requestDocument(ctx, kind, o));
}

/** Issues a requested document by its own activity and keeps its reference in the state. */
export async function issueRequested(request: DocumentRequest): Promise<DocumentRef> {
  return request.keep(await issueDocument(request.input));
}

export { documentData } from '@hazards/domain/accountability/document-data';

/**
 * 公告: a notice must be published within the policy's working days. Published at once when the
 * action says so; otherwise, under a policy with publication reminders, timers remind the level
 * that publishes it and escalate to the level above when the window closes.
 */
export async function openNotice(
  ctx: LifecycleContext,
  doc: DocumentRef,
  kind: NoticeKind,
  level: ListingLevel,
  publishedAt: string | null,
  by: string,
): Promise<NoticeState> {
  const { s, policy } = ctx;
  const notice: NoticeState = {
    documentId: doc.documentId,
    kind,
    number: doc.number,
    level,
    issuedAt: doc.issuedAt,
    dueAt: null,
    publishedAt: null,
    publishedBy: null,
  };
  const index = s.notices.push(notice) - 1;
  if (publishedAt) {
    await publish(notice, publishedAt, by);
    return notice;
  }
  const reminders = policy.publication.reminders;
  if (!reminders) return notice;
  const within = kind === 'listing_notice' ? policy.publication.listingWithinWorkingDays : policy.publication.closureWithinWorkingDays;
  const now = ctx.now();
  const [dueAt, ...before] = await ctx.shift(doc.issuedAt, [within, ...reminders.map((r) => within - r)]);
  notice.dueAt = dueAt;
  if (notice.publishedAt) return notice; // published while the window was counted
  before.forEach((at, i) => {
    if (Date.parse(at) > now) ctx.addAlarm({ kind: 'publication_reminder', at, notice: index, daysBefore: reminders[i] });
  });
  ctx.addAlarm({ kind: 'publication_due', at: dueAt, notice: index });
  return notice;
}

/** Sets the publication date (the public page shows the notice from then on). */
export async function publish(notice: NoticeState, publishedAt: string, by: string): Promise<void> {
  notice.publishedAt = publishedAt;
  notice.publishedBy = by;
  await publishNotice({ documentId: notice.documentId, publishedAt });
}
