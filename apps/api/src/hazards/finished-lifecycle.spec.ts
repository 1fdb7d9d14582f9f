import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { lifecycleFinished } from './finished-lifecycle';

describe('lifecycleFinished: how Temporal says a hazard workflow has finished', () => {
  const notFound = (message: string) => new WorkflowNotFoundError(message, 'hazard-1', undefined);

  it('takes every "not found" of an update for a known hazard as finished: completed, aborted while closing, past retention', () => {
    expect(lifecycleFinished(notFound('workflow execution already completed'))).toBe(true);
    expect(lifecycleFinished(notFound('workflow update was aborted by closing workflow'))).toBe(true);
    expect(lifecycleFinished(notFound('workflow not found for ID: hazard-1'))).toBe(true);
    expect(lifecycleFinished(new Error('workflow operation can not be applied because workflow is closing'))).toBe(true);
  });

  it('takes an update the workflow completed under as finished, and a refusal or an outage as not', () => {
    const failed = (type: string) =>
      new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ type, message: 'x' }));
    expect(lifecycleFinished(failed('AcceptedUpdateCompletedWorkflow'))).toBe(true);
    expect(lifecycleFinished(failed('IllegalState'))).toBe(false);
    expect(lifecycleFinished(new Error('14 UNAVAILABLE: No connection established'))).toBe(false);
  });
});
