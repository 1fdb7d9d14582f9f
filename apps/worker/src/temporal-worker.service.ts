import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { announceReady, AppConfig } from '../../../libs/config/src';
import { createHazardWorker } from '../../../libs/temporal/src/hazard-worker.factory';
import { createHazardActivities } from './activities/hazard.activities';

/** Runs the Temporal worker for the hazard task queue; a worker failure stops the process. */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('TemporalWorker');
  private connection?: NativeConnection;
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(@Inject(AppConfig) private readonly config: AppConfig, private readonly ds: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    this.connection = await NativeConnection.connect({ address: this.config.get('TEMPORAL_ADDRESS') });
    this.worker = await createHazardWorker({
      connection: this.connection,
      namespace: this.config.get('TEMPORAL_NAMESPACE'),
      taskQueue: this.config.get('TEMPORAL_TASK_QUEUE'),
      activities: createHazardActivities(this.ds),
      maxCachedWorkflows: this.config.get('TEMPORAL_MAX_CACHED_WORKFLOWS'),
      workflowBundlePath: this.config.get('TEMPORAL_WORKFLOW_BUNDLE'),
    });
    this.running = this.worker.run().catch((err) => {
      this.log.error(`Temporal worker stopped: ${err instanceof Error ? err.message : err}`);
      process.exit(1);
    });
    announceReady('worker', `task queue "${this.config.get('TEMPORAL_TASK_QUEUE')}" on ${this.config.get('TEMPORAL_ADDRESS')}`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running;
    await this.connection?.close();
  }
}
