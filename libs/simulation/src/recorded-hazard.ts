import type { Actor } from '@hazards/domain/hazard/actor';
import type { HazardSource } from '@hazards/domain/hazard/vocabulary';

/**
 * The user actions the simulation replays (推演), by the update that performs them. System steps
 * (reminders, escalations, deadline re-plans) are not replayed: the proposed policy's timers make them.
 */
export type ReplayedUpdate =
  | 'grade'
  | 'list'
  | 'submitPlan'
  | 'decidePlan'
  | 'requestExtension'
  | 'decideExtension'
  | 'submitCompletion'
  | 'review'
  | 'withdraw'
  | 'recordProductionStop'
  | 'linkAccident'
  | 'recordPenalty'
  | 'publishNotice';

/** One recorded user action: the update, its input (actor included) and when it happened. */
export interface RecordedAction {
  seq: number;
  /** The recorded step name ('graded', 'extension.requested' ...). */
  step: string;
  update: ReplayedUpdate;
  /** ISO instant (UTC) it was recorded at. */
  at: string;
  input: Record<string, unknown> & { actor: Actor };
}

/** A step the engine actually took, as history recorded it (escalations, reminders ...): the "actual" side. */
export interface RecordedStep {
  seq: number;
  step: string;
  at: string;
  data: Record<string, unknown>;
}

/** What happened to the hazard in reality, from the read model at the time of the simulation. */
export interface ActualOutcome {
  rectificationDeadline: string | null;
  closedAt: string | null;
  status: string;
  steps: RecordedStep[];
}

/** One hazard of the period, as recorded: how it was reported, what users did, what the engine did. */
export interface RecordedHazard {
  hazardId: string;
  enterpriseId: string;
  jurisdictionPath: string[];
  source: HazardSource;
  description: string;
  location?: string;
  photos?: string[];
  reportedAt: string;
  reportedBy: Actor;
  /** 牵头部门 where the hazard was listed; reviews are counted against it. */
  leadDepartment: string | null;
  actions: RecordedAction[];
  actual: ActualOutcome;
}
