import type { HazardSnapshot } from '@hazards/domain/hazard/hazard-snapshot';
import type { HazardState, HazardView } from './hazard-lifecycle.types';

/** The deadline now running: plan due while awaiting the plan, review due while under review. */
export function currentDeadline(s: HazardState): string | null {
  switch (s.status) {
    case 'listed':
      return s.deadlines.planDue;
    case 'plan_submitted':
    case 'rectifying':
      return s.deadlines.rectification;
    case 'submitted':
      return s.review?.dueAt ?? null;
    default:
      return null;
  }
}

/** Read-model row the persistence activity writes with every step. */
export function toSnapshot(s: HazardState): HazardSnapshot {
  return {
    hazardId: s.hazardId,
    status: s.status,
    policyVersion: s.policyVersion,
    enterpriseId: s.enterpriseId,
    jurisdictionPath: s.jurisdictionPath,
    source: s.source,
    description: s.description,
    reportedAt: s.reportedAt,
    grade: s.grade,
    accidentType: s.accidentType,
    industry: s.industry,
    listingLevel: s.listing?.level ?? null,
    currentDeadline: currentDeadline(s),
    rectificationDeadline: s.deadlines.rectification,
    escalationStage: s.escalationStage,
    extensionCount: s.extensions.filter((e) => e.decision === 'approve').length,
    rejectionCount: s.rejectionCount,
    productionStopped: s.production.stopped,
    heavierAccountability: s.heavierAccountability,
    closedAt: s.closedAt,
    // Everything the API shows beyond the columns; the timeline lives in the history rows.
    detail: {
      reportedBy: s.reportedBy,
      location: s.location,
      photos: s.photos,
      criterion: s.criterion,
      cause: s.cause,
      generalMode: s.generalMode,
      listing: s.listing,
      plan: s.plan,
      planDecisions: s.planDecisions,
      deadlines: s.deadlines,
      extensions: s.extensions,
      completions: s.completions,
      review: s.review,
      reviews: s.reviews,
      escalations: s.escalations,
      production: s.production,
      accidents: s.accidents,
      penalties: s.penalties,
      closureRecommendedAt: s.closureRecommendedAt,
      tracing: s.tracing,
      withdrawal: s.withdrawal,
      discoveries: s.discoveries ?? [],
    },
  };
}

export function toView(s: HazardState, isArmed: (a: HazardState['alarms'][number]) => boolean): HazardView {
  const { alarms, ...rest } = s;
  return {
    ...rest,
    currentDeadline: currentDeadline(s),
    upcoming: alarms
      .filter(isArmed)
      .sort((a, b) => a.at.localeCompare(b.at))
      .map((a) => ({
        kind: a.kind,
        at: a.at,
        stage: 'stage' in a ? a.stage : undefined,
        daysBefore: 'daysBefore' in a ? a.daysBefore : undefined,
        level: 'level' in a ? a.level : undefined,
      })),
  };
}
