import type { WorkerInterceptors } from '@temporalio/worker';

/**
 * Activity interceptors the worker installs when a module provides them. Production provides none;
 * the fault drills provide one that crashes after a commit (testing/src/faults).
 */
export const ACTIVITY_INTERCEPTORS = Symbol('ACTIVITY_INTERCEPTORS');
export type ActivityInterceptors = NonNullable<WorkerInterceptors['activity']>;
