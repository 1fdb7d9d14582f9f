import type { Actor } from '@hazards/domain/hazard/actor';
import type { HazardSnapshot } from '@hazards/domain/hazard/hazard-snapshot';
import type { HazardStatus } from '@hazards/domain/hazard/hazard-status';
import type { DomainEventDraft } from '@hazards/events/domain-event';

/**
 * One step of a hazard's lifecycle, as the workflow records it. `seq` is assigned by the workflow
 * (1, 2, 3 ...) and is unique per hazard: history rows are unique on (hazardId, seq), so an
 * activity that runs twice writes once.
 */
export interface RecordStepInput {
  hazardId: string;
  seq: number;
  /** Machine name of the step: 'reported', 'graded', 'reminder', 'escalated', ... */
  step: string;
  actor: Actor;
  /** Workflow time of the step (ISO, UTC). */
  at: string;
  fromStatus: HazardStatus | null;
  toStatus: HazardStatus;
  reason?: string;
  policyVersion: string;
  /** The step's own data (the plan submitted, the review given ...). */
  data: Record<string, unknown>;
  snapshot: HazardSnapshot;
  events: DomainEventDraft[];
}

export interface ShiftWorkingDaysInput {
  /** ISO instant to count from. */
  from: string;
  /** Working days to move: positive = later, negative = earlier, 0 = unchanged. */
  offsets: number[];
  /** Count with at least this calendar version (a re-plan after a notice was loaded); default: the current one. */
  calendarVersion?: number;
  /** A demo policy's clock (policy.demoClock): a working day lasts this many seconds, no holidays. Refused in production. */
  demoWorkingDaySeconds?: number;
}

/** Penalties on the enterprise's other hazards, for Safety Law art 113 (counted across the enterprise). */
export interface EnterprisePenaltiesInput {
  enterpriseId: string;
  /** The asking hazard: its own penalties are in its state, which is newer than the read model. */
  excludeHazardId: string;
  /** Only hazards of these grades count (policy art113.grades). */
  grades: string[];
}

/** Activities the hazard workflow calls. Implemented in apps/worker; workflows import the type only. */
export interface HazardActivities {
  /** Writes projection + history row + outbox events in one transaction; idempotent on (hazardId, seq). */
  recordStep(input: RecordStepInput): Promise<{ applied: boolean }>;
  /**
   * Working-day arithmetic on the Chinese calendar (statutory holidays, 调休 make-up days), done
   * outside the workflow so the workflow stays deterministic. Returns one ISO instant per offset,
   * keeping the time of day (Asia/Shanghai) of `from`.
   */
  shiftWorkingDays(input: ShiftWorkingDaysInput): Promise<string[]>;
  /** Reads the read model: every penalty recorded on the enterprise's other hazards of those grades. */
  enterprisePenalties(input: EnterprisePenaltiesInput): Promise<{ hazardId: string; decidedAt: string; lawArticle: string }[]>;
}
