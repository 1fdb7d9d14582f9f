import { SYSTEM_ACTOR } from '@hazards/domain/hazard/actor';
import type { Alarm } from '../../hazard-lifecycle.types';
import { explanationInputs, type LifecycleContext } from '../context';

type ReminderAlarm = Extract<Alarm, { kind: 'plan_reminder' | 'rectification_reminder' | 'review_reminder' }>;

const DEADLINE_OF = { plan_reminder: 'plan', rectification_reminder: 'rectification', review_reminder: 'review' } as const;

/** A deadline is near (plan, rectification or review): one reminder, gathered into the daily digest. */
export async function onReminder(ctx: LifecycleContext, a: ReminderAlarm): Promise<void> {
  const s = ctx.s;
  const deadline =
    a.kind === 'plan_reminder' ? s.deadlines.planDue : a.kind === 'review_reminder' ? (s.review?.dueAt ?? null) : s.deadlines.rectification;
  if (deadline === null || Date.parse(deadline) <= ctx.now()) return; // stale: the deadline itself has passed
  const level = a.kind === 'review_reminder' ? a.level : null;
  const payload = {
    deadline: DEADLINE_OF[a.kind],
    dueAt: deadline,
    daysBefore: a.daysBefore,
    level,
    enterpriseId: s.enterpriseId,
    jurisdictionPath: s.jurisdictionPath,
  };
  await ctx.record('reminder', SYSTEM_ACTOR, s.status, { ...payload, ...explanationInputs(ctx, { alarmAt: a.at }) }, [
    { type: 'reminder.due', payload },
  ]);
}
