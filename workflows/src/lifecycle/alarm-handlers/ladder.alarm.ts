import { SYSTEM_ACTOR } from '../../../../libs/domain/src/hazard/actor';
import { ESCALATION_ACTION_LABELS } from '../../../../libs/domain/src/policy/escalation-action';
import { nextListingLevel, type LevelAbove } from '../../../../libs/domain/src/rules/listing-ladder.rule';
import type { Alarm } from '../../hazard-lifecycle.types';
import { escalate } from '../accountability';
import { iso, type LifecycleContext } from '../context';

/** A stage of the overdue ladder (逾期升级): letters, relisting one level up, interviews ... */
export async function onLadderStage(ctx: LifecycleContext, a: Extract<Alarm, { kind: 'ladder' }>): Promise<void> {
  const s = ctx.s;
  const status = s.status;
  s.escalationStage = Math.max(s.escalationStage, a.stage);
  const action = a.action;
  const detail: Record<string, unknown> = { afterOverdueWorkingDays: a.afterOverdueWorkingDays, label: ESCALATION_ACTION_LABELS[action], rectificationDeadline: s.deadlines.rectification };
  let escalatedTo: LevelAbove | undefined;
  if (action === 'relist_up' && s.listing) {
    const to = nextListingLevel(s.listing.level);
    if (to) {
      // Relisting raises the listing level, and with it the review levels of the next submission.
      s.listing.relistings.push({ from: s.listing.level, to, at: a.firedAt ?? iso(ctx.now()) });
      detail.relistedFrom = s.listing.level;
      s.listing.level = to;
      escalatedTo = to;
    } else {
      detail.relistedFrom = s.listing.level;
      detail.note = '已为市级挂牌，无更高挂牌层级，报告省级 / already listed by the city; reported to the province';
      escalatedTo = 'province';
    }
  }
  const ev = escalate(s, { kind: 'overdue_ladder', stage: a.stage, action, escalatedTo, detail }, iso(ctx.now()));
  const label = ESCALATION_ACTION_LABELS[action];
  await ctx.record('escalation', SYSTEM_ACTOR, status, { stage: a.stage, action, ...detail }, [ev], `逾期第${a.stage}级：${label.zh} / overdue stage ${a.stage}: ${label.en}`);
}
