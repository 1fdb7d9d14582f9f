import { SYSTEM_ACTOR } from '../../../../libs/domain/src/hazard/actor';
import { levelAbove, type LevelAbove } from '../../../../libs/domain/src/rules/listing-ladder.rule';
import type { Alarm } from '../../hazard-lifecycle.types';
import { escalate } from '../accountability';
import { iso, type LifecycleContext } from '../context';

/** 一岗双责: the reviewer missed its window; the level above is told and may take the review over. */
export async function onReviewDue(ctx: LifecycleContext, a: Extract<Alarm, { kind: 'review_due' }>): Promise<void> {
  const s = ctx.s;
  const status = s.status;
  const level = a.level;
  const to: LevelAbove = level === 'verification' ? 'county' : levelAbove(level);
  if (s.review) s.review.escalatedTo = to;
  const ev = escalate(s, { kind: 'review_window_missed', escalatedTo: to, detail: { level, dueAt: a.at, round: a.round } }, iso(ctx.now()));
  await ctx.record('escalation', SYSTEM_ACTOR, status, { kind: 'review_window_missed', level, escalatedTo: to }, [ev], `${level}级复核超期，提级至${to} / ${level} review window missed, escalated to ${to}`);
}
