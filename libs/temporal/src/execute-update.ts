import { randomUUID } from 'node:crypto';
import { isGrpcServiceError, ServiceError, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { retryWhile } from '@hazards/concurrency';

/** gRPC's FAILED_PRECONDITION: the code the server answers an update whose workflow task failed. */
const FAILED_PRECONDITION = 9;
/** Attempts in all, and the pause before each repeat (ms × attempt): the failed task is retried by the server meanwhile. */
const ATTEMPTS = 4;
const PAUSE_MS = 100;

/**
 * Whether the server refused an update because the workflow task carrying it failed, before the
 * update was accepted. The Temporal server (1.32) fails such a task when a hazard's timer fires
 * while the task that cancels it is under way ("BadCancelTimerAttributes: invalid history builder
 * state for action: add-timer-canceled-event"): the action arrived as the hazard's deadline or
 * reminder came due. The update is dropped with the task and nothing of it is recorded.
 */
export function refusedWithFailedTask(err: unknown): boolean {
  const cause = err instanceof ServiceError ? err.cause : err;
  return (
    isGrpcServiceError(cause) &&
    cause.code === FAILED_PRECONDITION &&
    /unexpected workflow task failure/i.test(cause.details ?? cause.message)
  );
}

/**
 * Runs a workflow update, sending it again while the server refuses it for a failed workflow
 * task. Sending it again is safe: a refused update was never accepted, and every attempt carries
 * the same update id, so a repeat of one the server did take answers its first outcome instead
 * of applying it twice. Any other error, and the last refusal, are the caller's.
 */
export async function executeUpdate<Ret, Args extends [unknown, ...unknown[]]>(
  handle: WorkflowHandle,
  update: UpdateDefinition<Ret, Args>,
  options: { args: Args; updateId?: string },
  attempts = ATTEMPTS,
): Promise<Ret> {
  const sent = { args: options.args, updateId: options.updateId ?? randomUUID() };
  return retryWhile(() => handle.executeUpdate(update, sent), refusedWithFailedTask, { attempts, pauseMs: PAUSE_MS });
}
