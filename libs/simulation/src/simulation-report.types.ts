import type { EscalationAction } from '@hazards/domain/policy/escalation-action';

/**
 * The report's shape, apart from the code that builds it: the console imports these types (and
 * the chart options) without pulling in the engine.
 */

/** A recorded action the proposed policy did not allow: it was skipped, and the report says why. */
export interface SkippedAction {
  hazardId: string;
  step: string;
  at: string;
  code: string;
  message: string;
}

/** One side of the comparison (proposed or actual): the figures a supervisor reads. */
export interface SideFigures {
  /** Hazards past their rectification deadline before closing (or still open at the period's end). */
  overdue: { count: number; totalDays: number; medianDays: number; maxDays: number };
  /** Overdue-ladder escalations by stage number (1 = first stage). */
  escalationsByStage: Record<string, number>;
  /** Documents and meetings the ladder issued: 督办函, 约谈, 通报批评, 升级挂牌, 停产整顿建议. */
  documents: Record<EscalationAction, number>;
  /** Other escalations (missed review windows, overdue decisions, repeated extensions ...), by kind. */
  otherEscalations: Record<string, number>;
  /** First-level reviews due, by the week (Monday, Asia/Shanghai) they fall due and the lead department. */
  reviewsDueByWeek: { week: string; department: string; count: number }[];
  stillOpen: number;
}

export interface RegionFigures {
  region: string;
  hazards: number;
  actualOverdue: number;
  proposedOverdue: number;
  actualEscalations: number;
  proposedEscalations: number;
}

export interface SimulationReport {
  jurisdiction: string;
  from: string;
  to: string;
  policyVersion: string;
  resolutionMinutes: number;
  hazards: number;
  actual: SideFigures;
  proposed: SideFigures;
  byRegion: RegionFigures[];
  /** Recorded actions the proposed policy refused: skipped, counted by step and reason. */
  skipped: { total: number; byReason: { step: string; code: string; message: string; count: number }[]; examples: SkippedAction[] };
}
