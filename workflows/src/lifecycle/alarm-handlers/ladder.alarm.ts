import { SYSTEM_ACTOR } from '@hazards/domain/hazard/actor';
import { ESCALATION_ACTION_LABELS } from '@hazards/domain/policy/escalation-action';
import { LEVEL_LABELS, relistTarget, type LevelAbove } from '@hazards/domain/rules/listing-ladder.rule';
import type { Alarm } from '../../hazard-lifecycle.types';
import { escalate } from '../accountability';
import { explanationInputs, iso, type LifecycleContext } from '../context';
import { documentData, issueRequested, issuingLevel, requestDocument, type DocumentRequest } from '../documents';
import { orderInterview } from '../interviews';
import { PATCHES } from '../patches';

/**
 * A stage of the overdue ladder (逾期升级): letters, relisting up, interviews ... A relist stage
 * takes the listing to the level the policy names for it (default-v2: county, then city), so a
 * township listing that stays overdue climbs to the top; earlier policies relist one level up.
 */
export async function onLadderStage(ctx: LifecycleContext, a: Extract<Alarm, { kind: 'ladder' }>): Promise<void> {
  const s = ctx.s;
  const status = s.status;
  s.escalationStage = Math.max(s.escalationStage, a.stage);
  const action = a.action;
  const detail: Record<string, unknown> = {
    afterOverdueWorkingDays: a.afterOverdueWorkingDays,
    label: ESCALATION_ACTION_LABELS[action],
    rectificationDeadline: s.deadlines.rectification,
  };
  let escalatedTo: LevelAbove | undefined;
  if (action === 'relist_up' && s.listing) {
    const relistTo = ctx.policy.escalation.ladder[a.stage - 1]?.relistTo;
    const to = relistTarget(s.listing.level, relistTo);
    if (to) {
      // Relisting raises the listing level, and with it the review levels of the next submission.
      s.listing.relistings.push({ from: s.listing.level, to, at: a.firedAt ?? iso(ctx.now()) });
      detail.relistedFrom = s.listing.level;
      s.listing.level = to;
      escalatedTo = to;
    } else if (relistTo !== undefined && s.listing.level !== 'city') {
      // Already listed at or above the level this stage names: nothing to relist.
      detail.note = `已为${LEVEL_LABELS[s.listing.level].zh}级挂牌，不低于本阶段层级 / already listed at ${s.listing.level}, not below this stage's ${relistTo}`;
    } else {
      detail.relistedFrom = s.listing.level;
      detail.note = '已为市级挂牌，无更高挂牌层级，报告省级 / already listed by the city; reported to the province';
      escalatedTo = 'province';
    }
  }
  const letter = await accountabilityRecord(ctx, a, detail);
  const ev = escalate(s, { kind: 'overdue_ladder', stage: a.stage, action, escalatedTo, detail }, iso(ctx.now()));
  const label = ESCALATION_ACTION_LABELS[action];
  const step: Parameters<LifecycleContext['record']> = [
    'escalation',
    SYSTEM_ACTOR,
    status,
    { stage: a.stage, action, ...detail, ...explanationInputs(ctx, { alarmAt: a.at }) },
    [ev],
    `逾期第${a.stage}级：${label.zh} / overdue stage ${a.stage}: ${label.en}`,
  ];
  if (!letter) {
    await ctx.record(...step);
    return;
  }
  // The document's data goes where the older way put it before the step: the step's data, the
  // event's detail and this escalation's detail in the snapshot; then into the state as well.
  const attachAt = [
    ['data', 'document'],
    ['events', 0, 'payload', 'detail', 'document'],
    ['snapshot', 'detail', 'escalations', s.escalations.length - 1, 'detail', 'document'],
  ];
  const issued = await ctx.recordWithDocument({ document: letter.input, attachAt }, ...step);
  detail.document = documentData(letter.keep(issued));
}

/**
 * What a stage leaves besides its escalation (issue 18): the letter and the stoppage stages issue
 * their numbered documents, the interview stage orders an interview with its own timers. The
 * document (number, SHA-256) and the interview's due date go into the stage's step. Past the patch
 * `ladder-document-with-step` the document is only asked for here (returned), and issued by the
 * step's own activity: an escalation is then one activity and two workflow tasks, not two and three.
 */
async function accountabilityRecord(
  ctx: LifecycleContext,
  a: Extract<Alarm, { kind: 'ladder' }>,
  detail: Record<string, unknown>,
): Promise<DocumentRequest | undefined> {
  const { s, policy } = ctx;
  const action = a.action;
  if (
    (action === 'supervision_letter' || action === 'stoppage_recommendation') &&
    policy.documents &&
    ctx.patched(PATCHES.ladderDocuments)
  ) {
    const rule = action === 'supervision_letter' ? policy.documents.supervisionLetter : policy.documents.stoppageRecommendation;
    const request = requestDocument(ctx, action, {
      actor: SYSTEM_ACTOR,
      issuerLevel: issuingLevel(s),
      key: `ladder-${a.stage}-${action}`,
      stage: a.stage,
      facts: { stage: a.stage, overdueWorkingDays: a.afterOverdueWorkingDays, replyWithinWorkingDays: rule.replyWithinWorkingDays },
    });
    if (ctx.patched(PATCHES.ladderDocumentWithStep)) return request;
    detail.document = documentData(await issueRequested(request));
  }
  if (action === 'interview' && policy.interview && ctx.patched(PATCHES.interviewTimers)) {
    const ordered = await orderInterview(ctx, a.stage);
    if (ordered) detail.interview = { index: ordered.index, level: ordered.interview.level, dueAt: ordered.interview.dueAt };
  }
  // 通报批评 is carried by the next bulletin of the level that criticises (the notifier records it).
  if (action === 'public_criticism') detail.criticisedBy = issuingLevel(s);
  return undefined;
}
