import type { DataSource, EntityManager } from 'typeorm';
import type { HistoryStep } from '@hazards/domain/explanations/explanation.types';

/** A hazard's history as the explainer reads it (为什么？): every step, in order. */
export class HazardHistoryReader {
  constructor(private readonly db: DataSource | EntityManager) {}

  async steps(hazardId: string): Promise<HistoryStep[]> {
    const rows: { seq: number; step: string; at: Date; policy_version: string; data: Record<string, unknown> }[] = await this.db.query(
      'select seq, step, at, policy_version, data from hazard_history where hazard_id = $1 order by seq',
      [hazardId],
    );
    return rows.map((r) => ({ seq: r.seq, step: r.step, at: r.at.toISOString(), policyVersion: r.policy_version, data: r.data ?? {} }));
  }
}
