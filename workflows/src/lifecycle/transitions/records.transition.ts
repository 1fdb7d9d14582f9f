import type { DomainEventDraft } from '@hazards/events/domain-event';
import { accidentIsHeavier, statusAt } from '@hazards/domain/rules/tracing.rule';
import { art113Applies, art113Closure, checkArt113, type Art113Result } from '@hazards/domain/rules/art113.rule';
import { levelAbove, type LevelAbove } from '@hazards/domain/rules/listing-ladder.rule';
import type { ListingLevel } from '@hazards/domain/hazard/vocabulary';
import { PATCHES } from '../patches';
import type {
  LinkAccidentInput,
  ProductionStopInput,
  RecordDiscoveryInput,
  RecordPenaltyInput,
  UpdateResult,
  WithdrawInput,
} from '../../hazard-lifecycle.types';
import { trace } from '../accountability';
import { iso, type LifecycleContext } from '../context';
import { documentData, issue, issuingLevel } from '../documents';
import { citedArticle } from '@hazards/domain/rules/penalty-bounds.rule';

/** A supervisor's own level on 镇/县/市, if any. */
const supervisingLevel = (level: string | undefined): ListingLevel | null =>
  level === 'township' || level === 'county' || level === 'city' ? level : null;

/**
 * 撤销: a duplicate or false report ends here, with its reason; it is never deleted. The level above
 * the one withdrawing (at least above the listing level) is told, so a ladder is never stopped quietly.
 */
export async function withdraw(ctx: LifecycleContext, i: WithdrawInput): Promise<UpdateResult> {
  const s = ctx.s;
  const from = s.status;
  s.withdrawal = { kind: i.kind, reason: i.reason, duplicateOf: i.duplicateOf ?? null, at: iso(ctx.now()), by: i.actor.userId };
  s.status = 'withdrawn';
  let notify: { notifyLevel: LevelAbove; withdrawnAt: ListingLevel } | Record<string, never> = {};
  if (ctx.patched(PATCHES.withdrawalNotice)) {
    // The validator made sure the withdrawing level is the listing level or above.
    const at = supervisingLevel(i.actor.jurisdictionLevel) ?? 'township';
    s.withdrawal.notified = levelAbove(at);
    notify = { notifyLevel: levelAbove(at), withdrawnAt: at };
  }
  const payload = { kind: i.kind, reason: i.reason, duplicateOf: i.duplicateOf ?? null, listingLevel: s.listing?.level ?? null, ...notify };
  return ctx.record('withdrawn', i.actor, from, payload, [{ type: 'hazard.withdrawn', payload }], i.reason);
}

/** 停产撤人 ordered, or production resumed (复产). */
export async function recordProductionStop(ctx: LifecycleContext, i: ProductionStopInput): Promise<UpdateResult> {
  const s = ctx.s;
  const scope = i.scope ?? null;
  s.production = {
    stopped: i.action === 'ordered',
    scope: i.action === 'ordered' ? scope : null,
    changes: [
      ...s.production.changes,
      {
        action: i.action,
        scope,
        at: iso(ctx.now()),
        by: i.actor.userId,
        reason: i.reason ?? null,
        ...(i.basisDocumentId ? { basisDocumentId: i.basisDocumentId } : {}),
      },
    ],
  };
  // Who ordered the stop decides who may lift it: that level or above.
  const level = i.actor.role === 'supervisor' ? supervisingLevel(i.actor.jurisdictionLevel) : null;
  if (level && ctx.patched(PATCHES.productionStopLevel)) s.production.changes[s.production.changes.length - 1].level = level;
  const payload = {
    action: i.action,
    scope,
    reason: i.reason ?? null,
    by: i.actor.role,
    ...(i.basisDocumentId ? { basisDocumentId: i.basisDocumentId } : {}),
  };
  return ctx.record(
    i.action === 'ordered' ? 'production.stopped' : 'production.resumed',
    i.actor,
    s.status,
    payload,
    [{ type: 'hazard.production_stop_changed', payload }],
    i.reason,
  );
}

/** 关联事故: 隐患整治期间发生事故的，从重追究 (heavier accountability for region, department and enterprise). */
export async function linkAccident(ctx: LifecycleContext, i: LinkAccidentInput): Promise<UpdateResult> {
  const { s, policy } = ctx;
  // 从重 follows when the accident happened: the hazard's status then (none before it was reported).
  const heavier = ctx.patched(PATCHES.heavierByAccidentTime)
    ? accidentIsHeavier(policy, statusAt(s.timeline, i.occurredAt))
    : accidentIsHeavier(policy, s.status);
  const { actor, ...accident } = i;
  s.accidents.push({ ...accident, linkedAt: iso(ctx.now()), heavier });
  const events: DomainEventDraft[] = [
    {
      type: 'hazard.accident_linked',
      payload: { ...accident, heavier, statusAtAccident: statusAt(s.timeline, i.occurredAt), statusWhenLinked: s.status },
    },
  ];
  if (heavier) {
    s.heavierAccountability = true;
    events.push(trace(s, 'accident_during_rectification', iso(ctx.now()), { accidentId: i.accidentId }));
  }
  return ctx.record('accident.linked', actor, s.status, { ...accident, heavier }, events);
}

/** 行政处罚; Safety Law art 113: repeated penalties on a major hazard → a proposal to close the business. */
export async function recordPenalty(ctx: LifecycleContext, i: RecordPenaltyInput): Promise<UpdateResult> {
  const { s, policy } = ctx;
  const now = ctx.now();
  const { actor, ...penalty } = i;
  const decidedAt = i.decidedAt ?? iso(now);
  // 行政处罚决定书 (issue 18): a penalty the engine records without a decision number gets a numbered decision.
  let document: ReturnType<typeof documentData> | undefined;
  if (!i.decisionNumber && policy.penalties && ctx.patched(PATCHES.penaltyDecisions)) {
    const article = citedArticle(policy, i.lawArticle, i.subject ?? 'enterprise');
    const basis = s.documents.find((d) => d.documentId === i.basisDocumentId);
    const doc = await issue(ctx, 'penalty_decision', {
      actor,
      issuerLevel: supervisingLevel(actor.jurisdictionLevel) ?? issuingLevel(s),
      facts: {
        penalty: {
          lawArticle: i.lawArticle,
          amountYuan: i.amountYuan,
          subject: i.subject ?? 'enterprise',
          subjectName: i.subjectName ?? null,
          conduct: article?.conduct ?? null,
          basisNumber: basis?.number ?? null,
        },
      },
    });
    document = documentData(doc);
    Object.assign(penalty, { decisionNumber: doc.number, documentId: doc.documentId });
  }
  s.penalties.push({ ...penalty, decidedAt, recordedAt: iso(now) });
  const events: DomainEventDraft[] = [{ type: 'hazard.penalty_recorded', payload: { ...penalty, decidedAt } }];
  let art113: Art113Result = { triggered: false };
  if (!ctx.patched(PATCHES.art113EnterpriseWide)) {
    art113 = checkArt113(
      policy,
      s.grade,
      s.penalties.map((p) => p.decidedAt),
      now,
    );
  } else if (art113Applies(policy, s.grade)) {
    // The count is the enterprise's, across its hazards of the grades that count (read model), plus this one's.
    const others = await ctx.enterprisePenalties([...policy.accountability.art113.grades]);
    const own = s.penalties.map((p) => ({ hazardId: s.hazardId, decidedAt: p.decidedAt, lawArticle: p.lawArticle }));
    art113 = art113Closure(policy, [...others, ...own]);
  }
  if (art113.triggered && s.closureRecommendedAt === null) {
    s.closureRecommendedAt = iso(ctx.now());
    events.push({
      type: 'closure.recommended',
      payload: {
        law: '《安全生产法》第一百一十三条 / Safety Law art 113',
        threshold: art113.threshold,
        penalties: art113.counted,
        enterpriseId: s.enterpriseId,
      },
    });
  }
  return ctx.record(
    'penalty.recorded',
    actor,
    s.status,
    { ...penalty, decidedAt, closureRecommended: art113.triggered, ...(document ? { document } : {}) },
    events,
  );
}

/**
 * 合并重复隐患: the duplicate (withdrawn with kind duplicate, linked here) was one more discovery of
 * this hazard; its source is kept, so statistics by source count each discovery while the hazard
 * is found once. A new update: no history recorded before it can contain one, so replay needs no
 * patch marker (the validator refuses the same duplicate twice).
 */
export async function recordDiscovery(ctx: LifecycleContext, i: RecordDiscoveryInput): Promise<UpdateResult> {
  const s = ctx.s;
  const discovery = {
    hazardId: i.duplicateHazardId,
    source: i.source,
    reportedAt: i.reportedAt,
    mergedAt: iso(ctx.now()),
    mergedBy: i.actor.userId,
  };
  s.discoveries = [...(s.discoveries ?? []), discovery];
  const payload = { ...discovery, sources: [s.source, ...s.discoveries.map((d) => d.source)] };
  return ctx.record('discovery.merged', i.actor, s.status, payload, [{ type: 'hazard.discovery_merged', payload }]);
}
