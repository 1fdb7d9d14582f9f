import { SYSTEM_ACTOR } from '@hazards/domain/hazard/actor';
import { DOCUMENT_LABELS } from '@hazards/domain/accountability/document-kinds';
import { levelAbove } from '@hazards/domain/rules/listing-ladder.rule';
import type { Alarm } from '../../hazard-lifecycle.types';
import { escalate } from '../accountability';
import { explanationInputs, iso, type LifecycleContext } from '../context';

/** A notice (挂牌/摘牌公告) is near the end of its publication window: the level that publishes it is reminded. */
export async function onPublicationReminder(ctx: LifecycleContext, a: Extract<Alarm, { kind: 'publication_reminder' }>): Promise<void> {
  const s = ctx.s;
  const n = s.notices[a.notice];
  if (!n?.dueAt || Date.parse(n.dueAt) <= ctx.now()) return;
  const payload = {
    deadline: 'publication',
    notice: n.kind,
    number: n.number,
    documentId: n.documentId,
    dueAt: n.dueAt,
    daysBefore: a.daysBefore,
    level: n.level,
    enterpriseId: s.enterpriseId,
    jurisdictionPath: s.jurisdictionPath,
    ...explanationInputs(ctx, { alarmAt: a.at }),
  };
  await ctx.record('reminder', SYSTEM_ACTOR, s.status, payload, [{ type: 'reminder.due', payload }]);
}

/** The window closed and the notice is still unpublished: escalated to the level above the one that owes it. */
export async function onPublicationDue(ctx: LifecycleContext, a: Extract<Alarm, { kind: 'publication_due' }>): Promise<void> {
  const s = ctx.s;
  const n = s.notices[a.notice];
  const to = levelAbove(n.level);
  const label = DOCUMENT_LABELS[n.kind];
  const detail = { notice: n.kind, number: n.number, documentId: n.documentId, level: n.level, dueAt: n.dueAt };
  const ev = escalate(s, { kind: 'publication_overdue', escalatedTo: to, detail }, iso(ctx.now()));
  await ctx.record(
    'escalation',
    SYSTEM_ACTOR,
    s.status,
    { kind: 'publication_overdue', ...detail, escalatedTo: to, ...explanationInputs(ctx, { alarmAt: a.at }) },
    [ev],
    `${label.zh}（${n.number}）逾期未公布，提级至${to} / ${label.en} ${n.number} not published in time, escalated to ${to}`,
  );
}
