import type { DataSource } from 'typeorm';
import { SimulationHistoryRepository } from '@hazards/persistence/simulation/simulation-history.repository';
import { checkHazardCount, type SimulationRequest } from './simulation-bounds';
import { runSimulation, type SimulationProgress } from './simulation-engine';
import { buildSimulationReport, type SimulationReport } from './simulation-report';

export interface PolicySimulationCommand extends SimulationRequest {
  jurisdictionId: string;
  /** The jurisdiction's path in the read model ('/nantong/tongzhou/'). */
  jurisdictionPath: string;
  resolutionMinutes?: number;
  /** Time-skipping servers (default: SIMULATION_SHARDS, else by the hazards' count; see runSimulation). */
  shards?: number;
  onProgress?: (p: SimulationProgress) => void;
}

/** 政策推演 end to end: the period's hazards from the read model, replayed under the proposed policy, compared. */
export async function simulatePolicy(ds: DataSource, c: PolicySimulationCommand): Promise<SimulationReport> {
  const history = new SimulationHistoryRepository(ds);
  checkHazardCount(await history.countHazards(c.jurisdictionPath, c.from, c.to));
  const hazards = await history.loadHazards(c.jurisdictionPath, c.from, c.to);
  const resolutionMinutes = c.resolutionMinutes ?? 60;
  const out = await runSimulation({
    policy: c.policy,
    hazards,
    from: c.from,
    to: c.to,
    resolutionMinutes,
    shards: c.shards,
    onProgress: c.onProgress,
  });
  return buildSimulationReport({
    jurisdiction: c.jurisdictionId,
    from: c.from,
    to: c.to,
    policyVersion: c.policy.version,
    resolutionMinutes,
    hazards,
    simulated: out.simulated,
    skipped: out.skipped,
  });
}
