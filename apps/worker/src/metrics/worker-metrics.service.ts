import type { Server } from 'node:http';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { AppConfig } from '@hazards/config';
import { createMetricsRegistry, METRIC, startMetricsServer } from '@hazards/metrics';
import { ArchiveAnchorService } from '../archive/archive-anchor.service';
import { scrapeTemporalSdk } from './temporal-sdk-metrics';

/** The worker's METRICS_PORT: its own series (process, anchor leadership) and the Temporal SDK's. */
@Injectable()
export class WorkerMetricsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('WorkerMetrics');
  private server?: Server;

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly anchor: ArchiveAnchorService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.get('METRICS_PORT', { infer: true });
    if (!port) return;
    const registry = createMetricsRegistry('worker');
    const anchor = this.anchor;
    new Gauge({
      name: METRIC.anchorLeader,
      help: '1 on the worker that writes the archive anchor (holds the advisory lock), 0 on the others',
      registers: [registry],
      collect() {
        this.set(anchor.isLeader ? 1 : 0);
      },
    });
    const host = this.config.get('METRICS_HOST', { infer: true });
    this.server = await startMetricsServer({
      registry,
      host,
      port,
      token: this.config.get('METRICS_TOKEN', { infer: true }),
      nodeEnv: this.config.get('NODE_ENV', { infer: true }),
      extra: scrapeTemporalSdk,
    });
    this.log.log(`metrics on http://${host}:${port}/metrics`);
  }

  onApplicationShutdown(): void {
    this.server?.close();
  }
}
