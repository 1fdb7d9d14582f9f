import { SYSTEM_ACTOR } from '@hazards/domain/hazard/actor';
import { levelAbove } from '@hazards/domain/rules/listing-ladder.rule';
import type { Alarm } from '../../hazard-lifecycle.types';
import { escalate } from '../accountability';
import { explanationInputs, iso, type LifecycleContext } from '../context';

/** An interview (约谈) ordered by the ladder is near its deadline and not held: the level that conducts it is reminded. */
export async function onInterviewReminder(ctx: LifecycleContext, a: Extract<Alarm, { kind: 'interview_reminder' }>): Promise<void> {
  const s = ctx.s;
  const iv = s.interviews[a.interview];
  if (!iv || Date.parse(iv.dueAt) <= ctx.now()) return;
  const payload = {
    deadline: 'interview',
    interview: a.interview,
    stage: iv.stage,
    dueAt: iv.dueAt,
    daysBefore: a.daysBefore,
    level: iv.level,
    scheduledAt: iv.scheduled?.at ?? null,
    enterpriseId: s.enterpriseId,
    jurisdictionPath: s.jurisdictionPath,
    ...explanationInputs(ctx, { alarmAt: a.at }),
  };
  await ctx.record('reminder', SYSTEM_ACTOR, s.status, payload, [{ type: 'reminder.due', payload }]);
}

/** Not held in time: escalated to the level above the one that conducts it (一岗双责). */
export async function onInterviewDue(ctx: LifecycleContext, a: Extract<Alarm, { kind: 'interview_due' }>): Promise<void> {
  const s = ctx.s;
  const iv = s.interviews[a.interview];
  const to = levelAbove(iv.level);
  const detail = { interview: a.interview, stage: iv.stage, level: iv.level, dueAt: iv.dueAt, scheduledAt: iv.scheduled?.at ?? null };
  const ev = escalate(s, { kind: 'interview_overdue', escalatedTo: to, detail }, iso(ctx.now()));
  await ctx.record(
    'escalation',
    SYSTEM_ACTOR,
    s.status,
    { kind: 'interview_overdue', ...detail, escalatedTo: to, ...explanationInputs(ctx, { alarmAt: a.at }) },
    [ev],
    `约谈逾期未举行，提级至${to} / interview not held in time, escalated to ${to}`,
  );
}
