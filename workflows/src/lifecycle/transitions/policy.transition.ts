import { ApplicationFailure } from '@temporalio/workflow';
import type { Policy } from '@hazards/domain/policy/policy.schema';
import { refusal, refusalMessage } from '@hazards/domain/rules/refusal';
import type {
  Alarm,
  HazardState,
  MigratePolicyInput,
  OwedDecision,
  PolicyMigrationResult,
  ScheduledInstant,
} from '../../hazard-lifecycle.types';
import { armed, owedDecisionPending } from '../alarms';
import { applyReplan, replanBatches, replanFingerprint, shiftBatches, type ReplanBatch } from '../calendar-replan';
import type { LifecycleContext } from '../context';
import { openDecisionWindow } from '../decision-window';
import {
  describeAlarm,
  initialPins,
  ladderOf,
  ladderPosition,
  pinnedPolicy,
  pinsAfterCount,
  reconcileAlarms,
  withoutEscalatedReview,
} from '../policy-migration';

/**
 * The context's policy is the one the hazard runs under; a migration is the one step that
 * replaces it (validators, alarm handlers and transitions read `ctx.policy` each time they run).
 */
function runUnder(ctx: LifecycleContext, policy: Policy): void {
  Object.defineProperty(ctx, 'policy', { value: policy, writable: true, configurable: true, enumerable: true });
}

/**
 * Counts every pending deadline and timer again from its anchor under the new policy (the
 * calendar re-planner's batches, one activity call each), pinning the deadlines that must keep
 * their instant until none is left to pin (policy-migration.ts).
 */
async function countUnder(ctx: LifecycleContext, prev: Policy, next: Policy): Promise<{ batches: ReplanBatch[]; results: string[][] }> {
  let pins = initialPins(ctx.s, ctx.now());
  for (;;) {
    const batches = withoutEscalatedReview(ctx.s, replanBatches(ctx.s, pinnedPolicy(next, prev, pins)));
    const results = await shiftBatches(ctx, batches);
    const more = pinsAfterCount(batches, results, ctx.now(), pins);
    if (more.size === pins.size) return { batches, results };
    pins = more;
  }
}

/** The decision the regulator owes now (定级, 挂牌, 方案审核), if any, and the level that owes it. */
function owedNow(s: HazardState): { decision: OwedDecision; round: number; owedBy: 'township' | 'county' | 'city' } | null {
  const round = s.planDecisions.length + 1;
  if (owedDecisionPending(s, 'grading', round)) return { decision: 'grading', round, owedBy: 'township' };
  // The grader's level is not kept in the state: the listing is owed by the township, as at a township grading.
  if (owedDecisionPending(s, 'listing', round)) return { decision: 'listing', round, owedBy: 'township' };
  if (s.listing && owedDecisionPending(s, 'planDecision', round)) return { decision: 'planDecision', round, owedBy: s.listing.level };
  return null;
}

/**
 * Decision deadlines (policy `decisions`, from default-v2) the new policy drops are removed; one it
 * adds for a decision owed now opens from the migration, the regulator given the whole window.
 */
function decisionChange(s: HazardState, prev: Policy, next: Policy): { drop: Alarm[]; open: ReturnType<typeof owedNow> } {
  const owed = owedNow(s);
  const hasWindow =
    owed !== null && s.alarms.some((a) => a.kind === 'decision_due' && a.decision === owed.decision && a.round === owed.round);
  const drop = s.alarms.filter(
    (a) => (a.kind === 'decision_due' || a.kind === 'decision_reminder') && armed(s, a) && !next.decisions?.[a.decision],
  );
  const open = owed && !hasWindow && !prev.decisions?.[owed.decision] && next.decisions?.[owed.decision] ? owed : null;
  return { drop, open };
}

/**
 * 策略迁移 (update `migratePolicy`, admin only, validated): the hazard moves to a newer policy
 * version. Its pending deadlines and timers are counted again from their stored anchors under the
 * new policy (what moved, was added, removed or skipped: policy-migration.ts), the overdue ladder
 * keeps its place, and one `policy_migrated` step records the old and new version, the reason and
 * the changes; the enterprise and its supervisor are told when a deadline or reminder changed.
 * Every later step runs under the new policy and carries its version.
 */
export async function migratePolicy(ctx: LifecycleContext, i: MigratePolicyInput): Promise<PolicyMigrationResult> {
  const s = ctx.s;
  const prev = ctx.policy;
  const next = i.policy;
  for (let attempt = 0; attempt < 5; attempt++) {
    const seen = replanFingerprint(s);
    const { batches, results } = await countUnder(ctx, prev, next);
    if (replanFingerprint(s) !== seen) continue; // another step moved the hazard meanwhile: count again

    // From here on nothing waits until the hazard runs under the new policy.
    const now = ctx.now();
    const fromVersion = s.policyVersion;
    const fromStage = s.escalationStage;
    const stage = ladderPosition(ladderOf(s, prev), ladderOf(s, next), fromStage);
    const alarms = reconcileAlarms(s, next, batches, results, now, stage);
    const decisions = decisionChange(s, prev, next);
    const removed: ScheduledInstant[] = [...alarms.removed];
    const dropIds = new Set([...alarms.removeIds, ...decisions.drop.map((a) => a.id)]);
    removed.push(...decisions.drop.map(describeAlarm));
    if (decisions.drop.some((a) => a.kind === 'decision_due')) s.deadlines.decisionDue = null;
    s.alarms = s.alarms.filter((a) => !dropIds.has(a.id));
    for (const r of alarms.renumber) {
      const a = s.alarms.find((x) => x.id === r.id);
      if (a?.kind === 'ladder') a.stage = r.stage;
    }
    s.escalationStage = stage;
    runUnder(ctx, next);
    s.policyVersion = next.version;
    const moved = applyReplan(s, batches, results, now, (a) => armed(s, a));
    alarms.add.forEach(ctx.addAlarm);
    const added = [...alarms.added];
    if (decisions.open) {
      await openDecisionWindow(ctx, decisions.open.decision, decisions.open.owedBy);
      const opened = s.alarms.filter(
        (a) =>
          (a.kind === 'decision_due' || a.kind === 'decision_reminder') &&
          a.round === decisions.open!.round &&
          a.decision === decisions.open!.decision,
      );
      added.push(...opened.map(describeAlarm));
    }

    const changes = { moved, added, removed, skipped: alarms.skipped };
    const data = {
      migrationId: i.migrationId ?? null,
      fromVersion,
      toVersion: next.version,
      ...changes,
      ...(stage !== fromStage ? { escalationStage: { from: fromStage, to: stage } } : {}),
    };
    const told = moved.length + added.length + removed.length > 0;
    const result = await ctx.record(
      'policy_migrated',
      i.actor,
      s.status,
      data,
      told
        ? [
            {
              type: 'hazard.deadlines_recomputed',
              payload: {
                cause: 'policy_migration',
                fromVersion,
                toVersion: next.version,
                moved,
                added,
                removed,
                reason: i.reason,
                enterpriseId: s.enterpriseId,
                jurisdictionPath: s.jurisdictionPath,
              },
            },
          ]
        : [],
      i.reason,
    );
    return { ...result, fromVersion, toVersion: next.version, ...changes };
  }
  const r = refusal(
    'IllegalState',
    'HAZARD_BUSY',
    '隐患正在办理其他步骤，请稍后重新迁移',
    'the hazard kept changing while it was being re-planned; run the migration again',
  );
  throw ApplicationFailure.create({ type: r.type, message: refusalMessage(r), nonRetryable: true, details: [r] });
}
