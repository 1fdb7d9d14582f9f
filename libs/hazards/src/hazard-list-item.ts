/**
 * A hazard as the lists show it (GET /hazards, the board, the work queue, exports). Types only, no
 * imports: the web console imports it too (console/src/components/common.tsx).
 */
export interface HazardListItem {
  id: string;
  status: string;
  grade: string | null;
  listingLevel: string | null;
  enterpriseId: string;
  enterpriseName: string | null;
  jurisdictionPath: string;
  source: string;
  description: string;
  industry: string | null;
  accidentType: string | null;
  reportedAt: string;
  currentDeadline: string | null;
  rectificationDeadline: string | null;
  escalationStage: number;
  extensionCount: number;
  rejectionCount: number;
  productionStopped: boolean;
  heavierAccountability: boolean;
  closedAt: string | null;
  policyVersion: string;
  overdue: boolean;
  workingDaysOverdue: number;
  /** True when the current or the rectification deadline falls in a year without its State Council notice (an estimate). */
  deadlineProvisional: boolean;
}
