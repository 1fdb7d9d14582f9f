import type { EnterprisePenaltiesInput, RecordStepInput } from '@hazards/temporal/hazard-activities';
import type { RecordedStep } from './recorded-hazard';

/** What the simulated lifecycle of one hazard came to: its steps and its last read-model snapshot. */
export interface SimulatedHazard {
  steps: RecordedStep[];
  status: string;
  rectificationDeadline: string | null;
  closedAt: string | null;
  grade: string | null;
  enterpriseId: string;
  penalties: { decidedAt: string; lawArticle: string }[];
}

/**
 * The simulation's `recordStep` and `enterprisePenalties` activities: in memory, never the
 * production database. Idempotent on (hazard, seq) like the real one, since activities may retry.
 */
export class SimulationRecorder {
  private readonly hazards = new Map<string, SimulatedHazard>();

  readonly activities = {
    recordStep: async (i: RecordStepInput): Promise<{ applied: boolean }> => {
      const h = this.hazards.get(i.hazardId) ?? {
        steps: [],
        status: i.toStatus,
        rectificationDeadline: null,
        closedAt: null,
        grade: null,
        enterpriseId: i.snapshot.enterpriseId,
        penalties: [],
      };
      this.hazards.set(i.hazardId, h);
      if (h.steps.some((s) => s.seq === i.seq)) return { applied: false };
      h.steps.push({ seq: i.seq, step: i.step, at: i.at, data: i.data });
      h.steps.sort((a, b) => a.seq - b.seq);
      if (h.steps[h.steps.length - 1].seq === i.seq) {
        h.status = i.snapshot.status;
        h.rectificationDeadline = i.snapshot.rectificationDeadline;
        h.closedAt = i.snapshot.closedAt;
        h.grade = i.snapshot.grade;
        h.penalties = (i.snapshot.detail.penalties ?? []) as SimulatedHazard['penalties'];
      }
      return { applied: true };
    },
    enterprisePenalties: async (i: EnterprisePenaltiesInput) =>
      [...this.hazards.entries()]
        .filter(([id, h]) => id !== i.excludeHazardId && h.enterpriseId === i.enterpriseId && i.grades.includes(h.grade ?? ''))
        .flatMap(([id, h]) => h.penalties.map((p) => ({ hazardId: id, decidedAt: p.decidedAt, lawArticle: p.lawArticle }))),
  };

  get(hazardId: string): SimulatedHazard | undefined {
    return this.hazards.get(hazardId);
  }

  /** Steps recorded so far, all hazards together (progress). */
  stepCount(): number {
    let n = 0;
    for (const h of this.hazards.values()) n += h.steps.length;
    return n;
  }
}
