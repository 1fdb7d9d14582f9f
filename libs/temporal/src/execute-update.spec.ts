import { ServiceError, WorkflowNotFoundError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { defineUpdate } from '@temporalio/workflow';
import { executeUpdate, refusedWithFailedTask, unprocessedByWorker } from './execute-update';

/** A gRPC status error as @grpc/grpc-js makes it (code, details, metadata), wrapped as the SDK's client wraps it. */
function grpcError(code: number, details: string): ServiceError {
  const cause = Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
  return new ServiceError('Workflow Update failed', { cause });
}
const REFUSED = grpcError(9, 'Unable to perform workflow execution update due to unexpected workflow task failure.');
/** The server's answer to an update the worker completed its task without processing (Temporal's errors_failures.go). */
const UNPROCESSED = new WorkflowUpdateFailedError(
  'Workflow Update failed',
  ApplicationFailure.create({
    type: 'UnprocessedUpdate',
    message: "Workflow Update is rejected because it wasn't processed by worker. Probably, Workflow Update is not supported by the worker.",
    nonRetryable: true,
  }),
);
/** The workflow's own refusal (a validator): the user's error, never sent again. */
const REFUSED_BY_WORKFLOW = new WorkflowUpdateFailedError(
  'Workflow Update failed',
  ApplicationFailure.create({ type: 'WRONG_STATE', message: '隐患当前状态不允许定级 / wrong state', nonRetryable: true }),
);
const act = defineUpdate<string, [string]>('act');

/** A handle whose updates answer from a script: each call takes the next answer (an error is thrown). */
function scriptedHandle(answers: (string | Error)[]) {
  const calls: { name: string; args: unknown[]; updateId?: string }[] = [];
  const handle = {
    async executeUpdate(def: { name: string }, opts: { args: unknown[]; updateId?: string }) {
      calls.push({ name: def.name, args: opts.args, updateId: opts.updateId });
      const a = answers.shift();
      if (a === undefined) throw new Error('no more answers');
      if (a instanceof Error) throw a;
      return a;
    },
  } as unknown as WorkflowHandle;
  return { handle, calls };
}

describe('refusedWithFailedTask', () => {
  it('is the refusal of an update whose workflow task failed', () => {
    expect(refusedWithFailedTask(REFUSED)).toBe(true);
    expect(refusedWithFailedTask(REFUSED.cause)).toBe(true);
  });

  it("is the refusal of an update while the hazard's last workflow task failed and is being retried", () => {
    expect(refusedWithFailedTask(grpcError(9, 'Unable to perform workflow execution update due to Workflow Task in failed state.'))).toBe(
      true,
    );
  });

  it('is not any other failure: a refused precondition of another kind, a missing workflow, a time-out', () => {
    expect(refusedWithFailedTask(grpcError(9, 'Workflow is not running.'))).toBe(false);
    expect(refusedWithFailedTask(grpcError(4, 'unexpected workflow task failure'))).toBe(false);
    expect(refusedWithFailedTask(new WorkflowNotFoundError('workflow execution already completed', 'hazard-1', undefined))).toBe(false);
    expect(refusedWithFailedTask(new Error('unexpected workflow task failure'))).toBe(false);
  });
});

describe('unprocessedByWorker', () => {
  it("is the server's answer to an update the worker did not process", () => {
    expect(unprocessedByWorker(UNPROCESSED)).toBe(true);
  });

  it("is not the workflow's refusal, nor a failed task's", () => {
    expect(unprocessedByWorker(REFUSED_BY_WORKFLOW)).toBe(false);
    expect(unprocessedByWorker(REFUSED)).toBe(false);
  });
});

describe('executeUpdate', () => {
  it('sends an update the worker did not process again, under the same update id', async () => {
    const { handle, calls } = scriptedHandle([UNPROCESSED, 'graded']);
    await expect(executeUpdate(handle, act, { args: ['major'], updateId: 'idem-x' })).resolves.toBe('graded');
    expect(calls.map((c) => c.updateId)).toEqual(['idem-x', 'idem-x']);
  });

  it("hands the workflow's refusal to the caller at once", async () => {
    const { handle, calls } = scriptedHandle([REFUSED_BY_WORKFLOW, 'graded']);
    await expect(executeUpdate(handle, act, { args: ['major'] })).rejects.toBe(REFUSED_BY_WORKFLOW);
    expect(calls).toHaveLength(1);
  });

  it('sends an update refused with a failed workflow task again, under the same update id, and answers its outcome', async () => {
    const { handle, calls } = scriptedHandle([REFUSED, REFUSED, 'graded']);
    await expect(executeUpdate(handle, act, { args: ['major'] })).resolves.toBe('graded');
    expect(calls).toHaveLength(3);
    expect(calls.map((c) => c.args)).toEqual([['major'], ['major'], ['major']]);
    expect(new Set(calls.map((c) => c.updateId)).size).toBe(1);
    expect(calls[0].updateId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("keeps the caller's update id (an Idempotency-Key's) on every attempt", async () => {
    const { handle, calls } = scriptedHandle([REFUSED, 'graded']);
    await executeUpdate(handle, act, { args: ['major'], updateId: 'idem-abc' });
    expect(calls.map((c) => c.updateId)).toEqual(['idem-abc', 'idem-abc']);
  });

  it('hands any other error to the caller at once', async () => {
    const gone = new WorkflowNotFoundError('workflow execution already completed', 'hazard-1', undefined);
    const { handle, calls } = scriptedHandle([gone, 'graded']);
    await expect(executeUpdate(handle, act, { args: ['major'] })).rejects.toBe(gone);
    expect(calls).toHaveLength(1);
  });

  it('gives up after its attempts with the last refusal', async () => {
    const { handle, calls } = scriptedHandle([REFUSED, REFUSED, REFUSED, 'graded']);
    await expect(executeUpdate(handle, act, { args: ['major'] }, 3)).rejects.toBe(REFUSED);
    expect(calls).toHaveLength(3);
  });
});
