import { randomUUID } from 'node:crypto';
import { isGrpcServiceError, ServiceError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { retryWhile } from '@hazards/concurrency';

/** gRPC's FAILED_PRECONDITION: the code the server answers an update whose workflow task failed. */
const FAILED_PRECONDITION = 9;
/** Attempts in all, and the pause before each repeat (ms × attempt): the failed task is retried by the server meanwhile. */
const ATTEMPTS = 4;
const PAUSE_MS = 100;

/**
 * Whether the server refused an update because of a failed workflow task, before the update was
 * accepted: the task carrying it failed ("unexpected workflow task failure"), or the hazard's last
 * task failed or timed out and its retry has not completed ("Workflow Task in failed state"; the
 * server fails such updates fast). The Temporal server (1.32) fails a task when a hazard's timer
 * fires while the task that cancels it is under way ("BadCancelTimerAttributes: invalid history
 * builder state for action: add-timer-canceled-event"): the action arrived as the hazard's deadline
 * or reminder came due; a task times out on a worker too loaded to answer within 10 s. The update
 * is dropped and nothing of it is recorded.
 */
export function refusedWithFailedTask(err: unknown): boolean {
  const cause = err instanceof ServiceError ? err.cause : err;
  return (
    isGrpcServiceError(cause) &&
    cause.code === FAILED_PRECONDITION &&
    /unexpected workflow task failure|workflow task in failed state/i.test(cause.details ?? cause.message)
  );
}

/**
 * Whether the server turned the update away unapplied because the worker completed the workflow
 * task that carried it without processing it (failure type `UnprocessedUpdate`). sdk-core 1.24
 * does so when the update arrives in the task a legacy query's answer is refused in (README, "Queries
 * and the replay defect"). The workflow never saw it: its validator did not refuse it, so it is
 * not the user's error, and it is sent again.
 */
export function unprocessedByWorker(err: unknown): boolean {
  return err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === 'UnprocessedUpdate';
}

/** Whether the server turned the update away before the workflow accepted or refused it: sent again, and never the user's error. */
export const turnedAwayUnapplied = (err: unknown): boolean => refusedWithFailedTask(err) || unprocessedByWorker(err);

/**
 * Runs a workflow update, sending it again while the server refuses it for a failed workflow
 * task, or answers that the worker did not process it. Sending it again is safe: such an update
 * was never accepted, and every attempt carries the same update id, so a repeat of one the server
 * did take answers its first outcome instead of applying it twice. Any other error, and the last
 * refusal, are the caller's.
 */
export async function executeUpdate<Ret, Args extends [unknown, ...unknown[]]>(
  handle: WorkflowHandle,
  update: UpdateDefinition<Ret, Args>,
  options: { args: Args; updateId?: string },
  attempts = ATTEMPTS,
): Promise<Ret> {
  const sent = { args: options.args, updateId: options.updateId ?? randomUUID() };
  return retryWhile(() => handle.executeUpdate(update, sent), turnedAwayUnapplied, { attempts, pauseMs: PAUSE_MS });
}
