import { readFileSync } from 'node:fs';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createCalendarReplanActivities } from '@hazards/calendar';
import { announceReady, AppConfig } from '@hazards/config';
import { refuseDemoClockOutsideDemos } from '@hazards/domain/calendar/demo-clock';
import { DEFAULT_POLICY } from '@hazards/domain/policy/default-policy';
import { parsePolicy } from '@hazards/domain/policy/parse-policy';
import { createHazardWorker, workerTuningFrom } from '@hazards/temporal/hazard-worker.factory';
import { createHazardActivities } from './activities/hazard.activities';
import { ACTIVITY_INTERCEPTORS, type ActivityInterceptors } from './activity-interceptors';

/** Runs the Temporal worker for the hazard task queue; a worker failure stops the process. */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('TemporalWorker');
  private connection?: NativeConnection;
  /** A client connection: the calendar re-planning run signals hazards from an activity. */
  private clientConnection?: Connection;
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly ds: DataSource,
    @Optional() @Inject(ACTIVITY_INTERCEPTORS) private readonly activityInterceptors?: ActivityInterceptors,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.connection = await NativeConnection.connect({ address: this.config.get('TEMPORAL_ADDRESS') });
    this.clientConnection = await Connection.connect({ address: this.config.get('TEMPORAL_ADDRESS') });
    const client = new Client({ connection: this.clientConnection, namespace: this.config.get('TEMPORAL_NAMESPACE') });
    // The policy new hazards start with bounds how long after its deadline a hazard still has timers.
    const policyFile = this.config.get('POLICY_FILE');
    const policy = refuseDemoClockOutsideDemos(
      policyFile ? parsePolicy(JSON.parse(readFileSync(policyFile, 'utf8'))) : DEFAULT_POLICY,
      this.config.get('NODE_ENV'),
    );
    this.worker = await createHazardWorker({
      connection: this.connection,
      namespace: this.config.get('TEMPORAL_NAMESPACE'),
      taskQueue: this.config.get('TEMPORAL_TASK_QUEUE'),
      activities: { ...createHazardActivities(this.ds), ...createCalendarReplanActivities({ db: this.ds, client, policy }) },
      tuning: workerTuningFrom({
        TEMPORAL_MAX_CACHED_WORKFLOWS: this.config.get('TEMPORAL_MAX_CACHED_WORKFLOWS'),
        TEMPORAL_WORKFLOW_TASK_SLOTS: this.config.get('TEMPORAL_WORKFLOW_TASK_SLOTS'),
        TEMPORAL_LOCAL_ACTIVITY_SLOTS: this.config.get('TEMPORAL_LOCAL_ACTIVITY_SLOTS'),
        TEMPORAL_WORKFLOW_TASK_POLLERS: this.config.get('TEMPORAL_WORKFLOW_TASK_POLLERS'),
        TEMPORAL_NORMAL_QUEUE_POLL_SHARE: this.config.get('TEMPORAL_NORMAL_QUEUE_POLL_SHARE'),
      }),
      workflowBundlePath: this.config.get('TEMPORAL_WORKFLOW_BUNDLE'),
      activityInterceptors: this.activityInterceptors,
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
    await this.clientConnection?.close();
  }
}
