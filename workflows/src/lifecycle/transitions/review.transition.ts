import type { DomainEventDraft } from '@hazards/events/domain-event';
import { reviewLevelsFor, type ReviewLevel } from '@hazards/domain/rules/review-levels.rule';
import { tracingDueByRejections } from '@hazards/domain/rules/tracing.rule';
import type { ListingLevel } from '@hazards/domain/hazard/vocabulary';
import type { ReviewInput, SubmitCompletionInput, UpdateResult } from '../../hazard-lifecycle.types';
import { trace } from '../accountability';
import { explanationInputs, iso, type LifecycleContext } from '../context';
import { documentData, issue, openNotice } from '../documents';
import { PATCHES } from '../patches';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Opens the review window of the current level (order 16 art 23: 10日内) with its reminders and,
 * where policy escalates missed windows (一岗双责), the alarm that escalates.
 */
export async function openReviewWindow(ctx: LifecycleContext): Promise<void> {
  const { s, policy } = ctx;
  const review = s.review!;
  const level = review.levels[review.index];
  const round = review.round;
  const now = ctx.now();
  const w = policy.review.window;
  const before = policy.reminders.reviewDue;
  let dueAt: string;
  let reminders: string[] = [];
  if (w.unit === 'calendar') {
    dueAt = iso(now + w.days * DAY_MS);
    review.dueAt = dueAt;
    if (before.length > 0)
      reminders = await ctx.shift(
        dueAt,
        before.map((r) => -r),
      );
  } else {
    const out = await ctx.shift(iso(now), [w.days, ...before.map((r) => w.days - r)]);
    dueAt = out[0];
    reminders = out.slice(1);
  }
  if (s.review?.round !== round || s.review.levels[s.review.index] !== level) return; // moved on meanwhile
  s.review.dueAt = dueAt;
  reminders.forEach((at, i) => {
    if (Date.parse(at) > now) ctx.addAlarm({ kind: 'review_reminder', at, round, level, daysBefore: before[i] });
  });
  if (policy.review.missedWindow === 'escalate_to_level_above') ctx.addAlarm({ kind: 'review_due', at: dueAt, round, level });
}

/**
 * The window of a level a missed review was escalated to: as long as the reviewer's own (calendar
 * or working days, from now), no reminders; missing it escalates again.
 */
export async function openEscalatedReviewWindow(ctx: LifecycleContext, to: ListingLevel): Promise<void> {
  const { s, policy } = ctx;
  const review = s.review!;
  const now = ctx.now();
  const w = policy.review.window;
  const dueAt = w.unit === 'calendar' ? iso(now + w.days * DAY_MS) : (await ctx.shift(iso(now), [w.days]))[0];
  if (s.review !== review || review.escalatedTo !== to) return; // moved on meanwhile
  review.dueAt = dueAt;
  ctx.addAlarm({ kind: 'review_due', at: dueAt, round: review.round, level: review.levels[review.index], escalatedTo: to });
}

/** 申请销号: evidence and assessment in; review starts at the first level (三级复核). */
export async function submitCompletion(ctx: LifecycleContext, i: SubmitCompletionInput): Promise<UpdateResult> {
  const { s, policy } = ctx;
  const from = s.status;
  const now = iso(ctx.now());
  const round = s.completions.length + 1;
  const { actor, ...completion } = i;
  s.completions.push({ ...completion, submittedAt: now, submittedBy: actor.userId, round });
  s.status = 'submitted';
  s.review = {
    round,
    levels: reviewLevelsFor(policy, s.grade!, s.listing?.level ?? null),
    index: 0,
    startedAt: now,
    dueAt: null,
    escalatedTo: null,
  };
  await openReviewWindow(ctx);
  const payload = {
    round,
    evidenceFileIds: i.evidenceFileIds,
    assessment: i.assessment ?? null,
    reviewLevels: s.review.levels,
    reviewDue: s.review.dueAt,
  };
  return ctx.record('completion.submitted', actor, from, { ...payload, ...explanationInputs(ctx, { countedFrom: now }) }, [
    { type: 'hazard.completion_submitted', payload },
  ]);
}

/**
 * 复核: a rejection sends the hazard back to rectification with the reason; a pass moves to the
 * next level, and the last pass closes it (闭环销号, and 摘牌 for a listed hazard, both published).
 */
export async function review(ctx: LifecycleContext, i: ReviewInput): Promise<UpdateResult> {
  const { s, policy } = ctx;
  const from = s.status;
  const now = iso(ctx.now());
  const current = s.review!;
  const level: ReviewLevel = current.levels[current.index];
  s.reviews.push({
    round: current.round,
    level,
    result: i.result,
    reason: i.reason ?? null,
    at: now,
    by: i.actor.userId,
    onSiteAt: i.onSiteAt ?? null,
  });
  const reviewed = {
    round: current.round,
    level,
    result: i.result,
    reason: i.reason ?? null,
    reviewer: i.actor.userId,
    escalatedTo: current.escalatedTo,
  };
  const events: DomainEventDraft[] = [{ type: 'hazard.reviewed', payload: reviewed }];
  let step: string;
  if (i.result === 'reject') {
    s.rejectionCount += 1;
    s.status = 'rectifying';
    s.review = null;
    step = 'review.rejected';
    if (tracingDueByRejections(policy, s.rejectionCount, s.tracing !== null)) events.push(trace(s, 'rejections', now));
  } else if (current.index + 1 < current.levels.length) {
    current.index += 1;
    current.escalatedTo = null;
    current.dueAt = null;
    step = 'review.passed';
    await openReviewWindow(ctx);
  } else {
    s.status = 'closed';
    s.closedAt = now;
    s.review = { ...current, dueAt: null };
    step = 'closed';
    const closed: Record<string, unknown> = {
      closedAt: now,
      delisted: s.listing !== null,
      listingLevel: s.listing?.level ?? null,
      publishWithinWorkingDays: policy.publication.closureWithinWorkingDays,
    };
    events.push({ type: 'hazard.closed', payload: closed });
    // 摘牌公告 (issue 18): the lifecycle stays until it is published.
    if (s.listing && policy.documents && ctx.patched(PATCHES.delistingNotice)) {
      const doc = await issue(ctx, 'delisting_notice', {
        actor: i.actor,
        issuerLevel: s.listing.level,
        key: 'delisting-notice',
        facts: { closedAt: now },
      });
      const notice = await openNotice(ctx, doc, 'delisting_notice', s.listing.level, null, i.actor.userId);
      closed.notice = { ...documentData(doc), dueAt: notice.dueAt, publishedAt: notice.publishedAt };
      Object.assign(reviewed, { notice: closed.notice });
    }
  }
  // A passed level opens the next level's window: its inputs, for the explanation.
  const inputs = step === 'review.passed' ? { ...explanationInputs(ctx, { countedFrom: now }), reviewDue: s.review?.dueAt ?? null } : {};
  return ctx.record(step, i.actor, from, { ...reviewed, ...inputs }, events, i.reason);
}
