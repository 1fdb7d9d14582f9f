import { SYSTEM_ACTOR } from '@hazards/domain/hazard/actor';
import { levelAbove, type LevelAbove } from '@hazards/domain/rules/listing-ladder.rule';
import type { Alarm } from '../../hazard-lifecycle.types';
import { escalate } from '../accountability';
import { PATCHES } from '../patches';
import { openEscalatedReviewWindow } from '../transitions/review.transition';
import { explanationInputs, iso, type LifecycleContext } from '../context';

/**
 * 一岗双责: the reviewer missed its window; the level above is told and may take the review over,
 * with a window of its own. Missing that one escalates again, up to the top (the province is told).
 */
export async function onReviewDue(ctx: LifecycleContext, a: Extract<Alarm, { kind: 'review_due' }>): Promise<void> {
  const s = ctx.s;
  const status = s.status;
  const level = a.level;
  // The level whose window this was: the reviewer's, or the one the review was escalated to.
  const missed = a.escalatedTo ?? level;
  const to: LevelAbove = missed === 'verification' ? 'county' : missed === 'province' ? 'province' : levelAbove(missed);
  if (s.review) s.review.escalatedTo = to;
  const detail = { level, dueAt: a.at, round: a.round, ...(a.escalatedTo ? { missedBy: a.escalatedTo } : {}) };
  const ev = escalate(s, { kind: 'review_window_missed', escalatedTo: to, detail }, iso(ctx.now()));
  if (to !== 'province' && ctx.patched(PATCHES.reviewEscalatedWindows)) await openEscalatedReviewWindow(ctx, to);
  await ctx.record(
    'escalation',
    SYSTEM_ACTOR,
    status,
    {
      kind: 'review_window_missed',
      level,
      escalatedTo: to,
      ...(a.escalatedTo ? { missedBy: a.escalatedTo } : {}),
      ...explanationInputs(ctx, { alarmAt: a.at }),
    },
    [ev],
    `${missed}级复核超期，提级至${to} / ${missed} review window missed, escalated to ${to}`,
  );
}
