import type { EnterprisePenaltiesInput, RecordStepInput } from '@hazards/temporal/hazard-activities';

/**
 * In-memory stand-in for the Postgres `recordStep` activity: idempotent on (hazardId, seq), like
 * the real one, so tests can assert on exactly what the workflow asked to write.
 */
export interface StepRecorder {
  recordStep(input: RecordStepInput): Promise<{ applied: boolean }>;
  /** What the API does with an action's answered steps (unlike the real recorder, it does not wait for earlier steps). */
  recordAll(steps: RecordStepInput[]): Promise<{ left: number }>;
  steps(hazardId: string): RecordStepInput[];
  count(hazardId: string): number;
  events(hazardId: string): { seq: number; step: string; type: string; payload: Record<string, unknown> }[];
  /** The `enterprisePenalties` activity over the recorded snapshots (the read model's stand-in). */
  enterprisePenalties(input: EnterprisePenaltiesInput): Promise<{ hazardId: string; decidedAt: string; lawArticle: string }[]>;
}

export function createStepRecorder(): StepRecorder {
  const rows = new Map<string, RecordStepInput>();
  const steps = (hazardId: string) => [...rows.values()].filter((r) => r.hazardId === hazardId).sort((a, b) => a.seq - b.seq);
  const recordStep = async (input: RecordStepInput) => {
    const key = `${input.hazardId}:${input.seq}`;
    if (rows.has(key)) return { applied: false };
    rows.set(key, JSON.parse(JSON.stringify(input)));
    return { applied: true };
  };
  return {
    recordStep,
    async recordAll(answered) {
      for (const step of answered) await recordStep(step);
      return { left: 0 };
    },
    steps,
    count: (hazardId) => steps(hazardId).length,
    async enterprisePenalties(input) {
      const latest = new Map<string, RecordStepInput>();
      for (const r of rows.values()) if ((latest.get(r.hazardId)?.seq ?? 0) < r.seq) latest.set(r.hazardId, r);
      return [...latest.values()]
        .filter(
          (r) =>
            r.snapshot.enterpriseId === input.enterpriseId &&
            r.hazardId !== input.excludeHazardId &&
            input.grades.includes(r.snapshot.grade ?? ''),
        )
        .flatMap((r) =>
          ((r.snapshot.detail.penalties ?? []) as { decidedAt: string; lawArticle: string }[]).map((p) => ({
            hazardId: r.hazardId,
            decidedAt: p.decidedAt,
            lawArticle: p.lawArticle,
          })),
        );
    },
    events: (hazardId) =>
      steps(hazardId).flatMap((r) => r.events.map((e) => ({ seq: r.seq, step: r.step, type: e.type, payload: e.payload }))),
  };
}
