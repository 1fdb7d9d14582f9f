import { SYSTEM_ACTOR } from '@hazards/domain/hazard/actor';
import { levelAbove, type LevelAbove } from '@hazards/domain/rules/listing-ladder.rule';
import type { Alarm } from '../../hazard-lifecycle.types';
import { escalate } from '../accountability';
import { explanationInputs, iso, type LifecycleContext } from '../context';

/** An extension request left unanswered past its decision window: the level above is told. */
export async function onExtensionDecisionDue(ctx: LifecycleContext, a: Extract<Alarm, { kind: 'extension_decision_due' }>): Promise<void> {
  const s = ctx.s;
  const status = s.status;
  const to: LevelAbove = s.listing ? levelAbove(s.listing.level) : 'county';
  const ev = escalate(s, { kind: 'extension_decision_overdue', escalatedTo: to, detail: { decisionDue: a.at } }, iso(ctx.now()));
  await ctx.record(
    'escalation',
    SYSTEM_ACTOR,
    status,
    { kind: 'extension_decision_overdue', escalatedTo: to, ...explanationInputs(ctx, { alarmAt: a.at }) },
    [ev],
    '延期申请超期未答复 / extension decision overdue',
  );
}
