import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';

/**
 * Whether an action's update failed because the hazard's lifecycle has finished or is finishing
 * (signed off or withdrawn), for a hazard the read model knows. Temporal answers such an update
 * "not found" in several ways: "workflow execution already completed", "workflow update was
 * aborted by closing workflow" (it arrived while the completing workflow task ran), or no
 * execution at all once the namespace's retention has removed a finished one. None of them means
 * the hazard is unknown: the caller checked that first, so each is a 409, never a 404.
 */
export function lifecycleFinished(err: unknown): boolean {
  if (err instanceof WorkflowNotFoundError) return true;
  // Accepted, then the workflow completed before the update's handler did (the server fails it so).
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    return err.cause.type === 'AcceptedUpdateCompletedWorkflow';
  }
  return /already completed|closing workflow|workflow is closing/i.test((err as Error)?.message ?? '');
}
