import { rectificationSchedule, rectificationWorkingDays } from '@hazards/domain/rules/deadline-schedule.rule';
import type { GradeInput, ListInput, UpdateResult } from '../../hazard-lifecycle.types';
import { explanationInputs, iso, type LifecycleContext } from '../context';
import { listingOwedBy, openDecisionWindow } from '../decision-window';
import { documentData, issue, openNotice } from '../documents';
import { PATCHES } from '../patches';

/**
 * 定级: general hazards start their (short) rectification deadline at once (能够整改的，立即整改);
 * major hazards wait for listing (挂牌督办).
 */
export async function grade(ctx: LifecycleContext, i: GradeInput): Promise<UpdateResult> {
  const { s, policy } = ctx;
  const from = s.status;
  const now = ctx.now();
  s.grade = i.grade;
  s.accidentType = i.accidentType;
  s.industry = i.industry;
  s.criterion = i.criterion ?? null;
  s.cause = i.cause ?? null;
  s.status = i.grade === 'major' ? 'awaiting_listing' : 'rectifying';
  if (i.grade === 'general') {
    s.generalMode = i.generalMode ?? 'immediate';
    const days = rectificationWorkingDays(policy, { grade: 'general', generalMode: s.generalMode });
    await ctx.schedule(iso(now), rectificationSchedule(policy, { grade: 'general', rectificationWorkingDays: days }));
  } else {
    // The level that graded it major owes the listing (挂牌督办) within the policy's deadline.
    await openDecisionWindow(ctx, 'listing', listingOwedBy(i.actor.jurisdictionLevel));
  }
  const data = {
    grade: i.grade,
    accidentType: i.accidentType,
    industry: i.industry,
    criterion: s.criterion,
    generalMode: s.generalMode,
    cause: s.cause,
  };
  const inputs = explanationInputs(ctx, {
    countedFrom: iso(now),
    ...(i.grade === 'general' ? { rectificationDeadline: s.deadlines.rectification } : {}),
  });
  return ctx.record('graded', i.actor, from, { ...data, ...inputs }, [
    { type: 'hazard.graded', payload: { ...data, rectificationDeadline: s.deadlines.rectification } },
  ]);
}

/** 挂牌督办: the plan is due and the rectification deadline runs from the listing. */
export async function list(ctx: LifecycleContext, i: ListInput): Promise<UpdateResult> {
  const { s, policy } = ctx;
  const from = s.status;
  const now = ctx.now();
  const { actor, ...listing } = i;
  s.listing = { ...listing, listedAt: iso(now), listedBy: actor.userId, relistings: [] };
  s.status = 'listed';
  const days = rectificationWorkingDays(policy, { grade: 'major', listingLevel: i.level, requested: i.deadlineWorkingDays });
  await ctx.schedule(
    iso(now),
    rectificationSchedule(policy, {
      grade: 'major',
      rectificationWorkingDays: days,
      planWorkingDays: policy.plan.dueWorkingDaysAfterListing,
    }),
  );
  const payload: Record<string, unknown> = {
    ...s.listing,
    planDue: s.deadlines.planDue,
    rectificationDeadline: s.deadlines.rectification,
    publishWithinWorkingDays: policy.publication.listingWithinWorkingDays,
  };
  // 挂牌公告 (issue 18): numbered, and published within the policy's window.
  if (policy.documents && ctx.patched(PATCHES.listingNotice)) {
    const doc = await issue(ctx, 'listing_notice', { actor, issuerLevel: i.level, key: 'listing-notice-1' });
    const notice = await openNotice(ctx, doc, 'listing_notice', i.level, i.publishedAt ?? null, actor.userId);
    payload.notice = { ...documentData(doc), dueAt: notice.dueAt, publishedAt: notice.publishedAt };
  }
  return ctx.record('listed', actor, from, { ...payload, ...explanationInputs(ctx, { countedFrom: iso(now) }) }, [
    { type: 'hazard.listed', payload },
  ]);
}
