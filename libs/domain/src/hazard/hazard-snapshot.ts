import type { HazardStatus } from './hazard-status';
import type { AccidentType, Grade, HazardSource, ListingLevel } from './vocabulary';

/**
 * The columns of the read model (table `hazards`) that the workflow keeps current. Every recorded
 * step carries one; the persistence activity writes it, so lists, overdue queries and statistics
 * never ask Temporal. The workflow's full state goes alongside as JSON (`HazardSnapshot.detail`).
 * Times are ISO 8601 strings in UTC.
 */
export interface HazardSnapshot {
  hazardId: string;
  status: HazardStatus;
  policyVersion: string;
  enterpriseId: string;
  /** Jurisdiction ids from the city down to the grid, e.g. ['nantong', 'tongzhou', 'jinsha', 'jinsha-g1']. */
  jurisdictionPath: string[];
  source: HazardSource;
  description: string;
  reportedAt: string;
  grade: Grade | null;
  accidentType: AccidentType | null;
  industry: string | null;
  listingLevel: ListingLevel | null;
  /** The deadline now running: plan due, rectification due or review due, whichever is active. */
  currentDeadline: string | null;
  /** The rectification deadline, after any extensions. Overdue means past this and not closed. */
  rectificationDeadline: string | null;
  /** 0 = not escalated; n = the n-th stage of the policy's escalation ladder. */
  escalationStage: number;
  extensionCount: number;
  rejectionCount: number;
  productionStopped: boolean;
  heavierAccountability: boolean;
  closedAt: string | null;
  /** Everything else the workflow knows (plan, listing, reviews, penalties ...), for the API. */
  detail: Record<string, unknown>;
}
