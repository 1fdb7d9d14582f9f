import { NativeConnection, Worker, type WorkerInterceptors } from '@temporalio/worker';
import type { CalendarReplanActivities } from './calendar-activities';
import type { DocumentActivities } from './document-activities';
import type { HazardActivities } from './hazard-activities';
import { workflowBundlerOptions } from './workflow-bundler-options';

/**
 * How much one worker takes on at once. The defaults are tuned for a burst of due escalations
 * (`npm run bench escalation-capacity`): most due hazards are not in the cache, so their tasks
 * come through the normal (non-sticky) queue, which the SDK's defaults poll with only 2 of 10
 * pollers. The lifecycle runs no local activities today (they were tried and withdrawn, see the
 * README's performance notes); their slots bound any that come later.
 */
export interface HazardWorkerTuning {
  /** Workflows kept in memory (TEMPORAL_MAX_CACHED_WORKFLOWS): bounds the worker's memory. */
  maxCachedWorkflows: number;
  /** Workflow tasks run at once (TEMPORAL_WORKFLOW_TASK_SLOTS). */
  workflowTaskSlots: number;
  /** Local activities (step writes, calendar counts) run at once (TEMPORAL_LOCAL_ACTIVITY_SLOTS). */
  localActivitySlots: number;
  /** Polls for workflow tasks open at once, sticky and normal queues together (TEMPORAL_WORKFLOW_TASK_POLLERS). */
  workflowTaskPollers: number;
  /** The share of those polls on the normal queue (TEMPORAL_NORMAL_QUEUE_POLL_SHARE; the SDK's default is 0.2). */
  normalQueuePollShare: number;
}

export const DEFAULT_WORKER_TUNING: HazardWorkerTuning = {
  maxCachedWorkflows: 250,
  workflowTaskSlots: 40,
  localActivitySlots: 40,
  workflowTaskPollers: 10,
  normalQueuePollShare: 0.5,
};

/** The tuning from the validated environment (libs/config), for the worker app and the benchmarks' workers. */
export function workerTuningFrom(env: {
  TEMPORAL_MAX_CACHED_WORKFLOWS: number;
  TEMPORAL_WORKFLOW_TASK_SLOTS: number;
  TEMPORAL_LOCAL_ACTIVITY_SLOTS: number;
  TEMPORAL_WORKFLOW_TASK_POLLERS: number;
  TEMPORAL_NORMAL_QUEUE_POLL_SHARE: number;
}): HazardWorkerTuning {
  return {
    maxCachedWorkflows: env.TEMPORAL_MAX_CACHED_WORKFLOWS,
    workflowTaskSlots: env.TEMPORAL_WORKFLOW_TASK_SLOTS,
    localActivitySlots: env.TEMPORAL_LOCAL_ACTIVITY_SLOTS,
    workflowTaskPollers: env.TEMPORAL_WORKFLOW_TASK_POLLERS,
    normalQueuePollShare: env.TEMPORAL_NORMAL_QUEUE_POLL_SHARE,
  };
}

export interface HazardWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** The lifecycle's activities, and the calendar re-planning run's where this worker runs it. */
  activities: HazardActivities & DocumentActivities & Partial<CalendarReplanActivities>;
  tuning?: Partial<HazardWorkerTuning>;
  /** Path of a prebuilt bundle (production); otherwise workflows/ is bundled at start. */
  workflowBundlePath?: string;
  /** Activity interceptors (the fault drills' crash-after-commit; none in production). */
  activityInterceptors?: WorkerInterceptors['activity'];
}

/** Where the workflow code sits relative to this file, in source (jest) and in dist/ alike. */
export function workflowsPath(): string {
  return require.resolve('../../../workflows/src');
}

/**
 * Workflow interceptor modules every bundle of the workflows carries: the guard against the SDK's
 * query race (workflows/src/query-race.interceptors.ts). A prebuilt bundle must be made with them too.
 */
export function workflowInterceptorModules(): string[] {
  return [require.resolve('../../../workflows/src/query-race.interceptors')];
}

export function createHazardWorker(o: HazardWorkerOptions): Promise<Worker> {
  const t: HazardWorkerTuning = { ...DEFAULT_WORKER_TUNING, ...o.tuning };
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue,
    activities: o.activities,
    ...(o.workflowBundlePath
      ? { workflowBundle: { codePath: o.workflowBundlePath } }
      : { workflowsPath: workflowsPath(), bundlerOptions: workflowBundlerOptions() }),
    maxCachedWorkflows: t.maxCachedWorkflows,
    maxConcurrentWorkflowTaskExecutions: Math.max(2, t.workflowTaskSlots),
    maxConcurrentLocalActivityExecutions: t.localActivitySlots,
    maxConcurrentWorkflowTaskPolls: Math.min(Math.max(2, t.workflowTaskPollers), Math.max(2, t.workflowTaskSlots)),
    nonStickyToStickyPollRatio: t.normalQueuePollShare,
    interceptors: {
      workflowModules: workflowInterceptorModules(),
      ...(o.activityInterceptors ? { activity: o.activityInterceptors } : {}),
    },
    // Activities are short database writes; bound them so a stuck one is retried, not waited on forever.
    shutdownGraceTime: '10s',
  });
}
