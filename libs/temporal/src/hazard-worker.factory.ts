import { NativeConnection, Worker } from '@temporalio/worker';
import type { CalendarReplanActivities } from './calendar-activities';
import type { DocumentActivities } from './document-activities';
import type { HazardActivities } from './hazard-activities';

export interface HazardWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** The lifecycle's activities, and the calendar re-planning run's where this worker runs it. */
  activities: HazardActivities & DocumentActivities & Partial<CalendarReplanActivities>;
  maxCachedWorkflows?: number;
  /** Path of a prebuilt bundle (production); otherwise workflows/ is bundled at start. */
  workflowBundlePath?: string;
}

/** Where the workflow code sits relative to this file, in source (jest) and in dist/ alike. */
export function workflowsPath(): string {
  return require.resolve('../../../workflows/src');
}

export function createHazardWorker(o: HazardWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue,
    activities: o.activities,
    ...(o.workflowBundlePath ? { workflowBundle: { codePath: o.workflowBundlePath } } : { workflowsPath: workflowsPath() }),
    maxCachedWorkflows: o.maxCachedWorkflows,
    // Activities are short database writes; bound them so a stuck one is retried, not waited on forever.
    shutdownGraceTime: '10s',
  });
}
