import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Policy } from '@hazards/domain/policy/policy.schema';
import { SimulationRunsRepository } from '@hazards/persistence/simulation/simulation-runs.repository';
import { SimulationInputError } from '@hazards/simulation/simulation-bounds';
import { simulatePolicy } from '@hazards/simulation/policy-simulation';

const HEARTBEAT_MS = 15_000;
/** A run not touched for this long lost its API process. */
export const STALE_SECONDS = 120;

export interface QueuedSimulation {
  id: string;
  policy: Policy;
  jurisdictionId: string;
  jurisdictionPath: string;
  from: string;
  to: string;
}

/**
 * Runs 政策推演 jobs one at a time in the API process (each forks child processes that start their
 * own time-skipping servers and workers; two at once would only share the cores). State and
 * progress live in simulation_runs, so any API instance answers GET /simulations/:id; a heartbeat
 * tells a dead process's runs apart.
 */
@Injectable()
export class SimulationRunner implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('SimulationRunner');
  private readonly runs: SimulationRunsRepository;
  private readonly queue: QueuedSimulation[] = [];
  private current: string | null = null;
  private idle: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;

  constructor(private readonly ds: DataSource) {
    this.runs = new SimulationRunsRepository(ds);
  }

  onModuleInit(): void {
    this.timer = setInterval(() => {
      const ids = [...this.queue.map((q) => q.id), ...(this.current ? [this.current] : [])];
      this.runs.heartbeat(ids).catch((e) => this.log.warn(`heartbeat: ${e.message}`));
    }, HEARTBEAT_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.queue.length = 0;
    await this.idle;
  }

  enqueue(job: QueuedSimulation): void {
    this.queue.push(job);
    if (!this.current) this.idle = this.drain();
  }

  private async drain(): Promise<void> {
    for (let job = this.queue.shift(); job; job = this.queue.shift()) {
      this.current = job.id;
      await this.execute(job);
      this.current = null;
    }
  }

  private async execute(job: QueuedSimulation): Promise<void> {
    let last = 0;
    let latest: Record<string, unknown> = { phase: 'loading', done: 0, total: 0 };
    try {
      await this.runs.progress(job.id, 'running', { phase: 'loading', done: 0, total: 0 });
      const report = await simulatePolicy(this.ds, {
        policy: job.policy,
        from: job.from,
        to: job.to,
        jurisdictionId: job.jurisdictionId,
        jurisdictionPath: job.jurisdictionPath,
        onProgress: (p) => {
          latest = { ...p };
          // At most one progress write a second; the last one always.
          if (Date.now() - last < 1000 && p.phase === 'replaying') return;
          last = Date.now();
          this.runs.progress(job.id, 'running', { ...p }).catch((e) => this.log.warn(`progress: ${e.message}`));
        },
      });
      await this.runs.succeed(job.id, report, { ...latest, phase: 'done' });
    } catch (e) {
      const err =
        e instanceof SimulationInputError
          ? { code: e.code, message: e.zh, messageEn: e.en }
          : {
              code: 'simulation_failed',
              message: `推演失败：${e instanceof Error ? e.message : String(e)}`,
              messageEn: `The simulation failed: ${e instanceof Error ? e.message : String(e)}`,
            };
      this.log.error(`simulation ${job.id}: ${err.messageEn}`);
      await this.runs.fail(job.id, err);
    }
  }
}
