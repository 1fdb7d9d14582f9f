import type { HazardListItem } from './hazard-list-item';

/**
 * The overdue board as GET /board answers it. Types only (and only type imports of types-only
 * modules): the web console imports it too (console/src/pages/board.tsx).
 */
export interface Board {
  generatedAt: string;
  scope: { id: string; name: string; level: string; childLevel: string | null } | null;
  totals: BoardCounts & BoardRates;
  byStatus: { status: string; count: number }[];
  byListingLevel: (BoardBreakdown & { level: string })[];
  byRegion: BoardRegion[];
  overdueByStage: { stage: number; count: number }[];
  byAccidentType: (BoardBreakdown & { accidentType: string | null })[];
  trend: { week: string; overdue: number; becameOverdue: number; closed: number }[];
  overdue: { total: number; items: BoardOverdueItem[] };
  /** The current policy's escalation ladders, for the legend. */
  ladders: { major: BoardLadderStage[]; general: BoardLadderStage[] };
}

/** What became of the hazards of the whole board or of one region. */
export interface BoardCounts {
  total: number;
  open: number;
  overdue: number;
  closed: number;
  closedOnTime: number;
  withdrawn: number;
}

/** Shares rounded to 0.1 %, null when there is nothing to divide by. */
export interface BoardRates {
  closureRate: number | null;
  onTimeClosureRate: number | null;
}

export interface BoardBreakdown {
  count: number;
  open: number;
  overdue: number;
}

export interface BoardRegion extends BoardCounts, BoardRates {
  id: string;
  name: string;
  level: string;
  overdueRate: number | null;
}

/** An overdue hazard and the escalation action it reached. */
export type BoardOverdueItem = HazardListItem & { stageAction: string | null; stageLabel: { zh: string; en: string } | null };

export interface BoardLadderStage {
  stage: number;
  afterOverdueWorkingDays: number;
  action: string;
  label: { zh: string; en: string };
}
