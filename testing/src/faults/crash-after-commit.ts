import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { ACTIVITY_INTERCEPTORS } from '../../../apps/worker/src/activity-interceptors';

/**
 * Fault injection for the drills: a share `rate` (0–1) of the calls that write a step (recordStep,
 * and issueAndRecordStep for a step with its document) fail right after their transaction
 * committed, as a crash between commit and acknowledgement would. Temporal retries the activity;
 * the retry must not write the step (or issue the document) twice.
 */
const STEP_WRITERS = new Set(['recordStep', 'issueAndRecordStep']);

export function crashAfterCommit(rate: number): ActivityInterceptorsFactory {
  return (ctx) => ({
    inbound: {
      async execute(input, next) {
        const result = await next(input);
        if (STEP_WRITERS.has(ctx.info.activityType) && Math.random() < rate) {
          throw new Error(`injected fault: crashed after committing ${ctx.info.activityId} of ${ctx.info.workflowExecution?.workflowId}`);
        }
        return result;
      },
    },
  });
}

/** Provides the crash-after-commit interceptor to the worker (global, so the worker's own module sees it). */
@Global()
@Module({})
export class CrashAfterCommitModule {
  static withRate(rate: number): DynamicModule {
    const provider = { provide: ACTIVITY_INTERCEPTORS, useValue: rate > 0 ? [crashAfterCommit(rate)] : [] };
    return { module: CrashAfterCommitModule, providers: [provider], exports: [provider] };
  }
}
