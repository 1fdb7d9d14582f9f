import type { Server } from 'node:http';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@hazards/config';
import { startMetricsServer } from '@hazards/metrics';
import { NOTIFIER_ENV_KEYS, settingsFromEnvironment, type NotifierEnvironment } from './notifier-settings';
import { NotifierRuntime } from './notifier-runtime';

/** Starts the runtime once the app (and the Redis policy check) is up; stops it on SIGTERM. */
@Injectable()
export class NotifierRuntimeService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Notifier');
  readonly runtime: NotifierRuntime;
  private metricsServer?: Server;

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    ds: DataSource,
  ) {
    const env = Object.fromEntries(NOTIFIER_ENV_KEYS.map((k) => [k, config.get(k, { infer: true })])) as NotifierEnvironment;
    this.runtime = new NotifierRuntime(ds, settingsFromEnvironment(env), {
      log: (m) => this.logger.log(m),
      warn: (m) => this.logger.warn(m),
      error: (m) => this.logger.error(m),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runtime.start();
    this.logger.log('outbox relay, queue workers and digest scheduler started');
    const port = this.config.get('METRICS_PORT', { infer: true });
    if (port) {
      const host = this.config.get('METRICS_HOST', { infer: true });
      this.metricsServer = await startMetricsServer({
        registry: this.runtime.telemetry.registry,
        host,
        port,
        token: this.config.get('METRICS_TOKEN', { infer: true }),
        nodeEnv: this.config.get('NODE_ENV', { infer: true }),
      });
      this.logger.log(`metrics on http://${host}:${port}/metrics`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.metricsServer?.close();
    await this.runtime.stop();
  }
}
