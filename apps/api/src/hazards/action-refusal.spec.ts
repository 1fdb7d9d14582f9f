import {
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ApiException } from '@hazards/api-contract/api-error';
import { actionRefusal } from './action-refusal';

/** A gRPC status error as @grpc/grpc-js makes it, wrapped as the SDK's client wraps it. */
function grpcError(code: number, details: string): ServiceError {
  return new ServiceError('Workflow Update failed', {
    cause: Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} }),
  });
}
const failure = (type: string, message = 'x') =>
  new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ type, message, nonRetryable: true }));

/** The answer a person reads: status, code and both languages. */
function answer(err: unknown, deadlineMs = 10_000) {
  const e = actionRefusal(err, deadlineMs);
  if (!e) return undefined;
  expect(e).toBeInstanceOf(ApiException);
  const body = e.getResponse() as { code: string; message: string; messageEn: string };
  return { status: e.getStatus(), code: body.code, zh: body.message, en: body.messageEn };
}

describe('actionRefusal: what a user hears when the engine, not the action, stopped it', () => {
  it('answers 503 action_not_applied, in zh-CN and English, when the engine turned the update away unapplied', () => {
    for (const err of [
      failure('UnprocessedUpdate', "Workflow Update is rejected because it wasn't processed by worker."),
      grpcError(9, 'Unable to perform workflow execution update due to unexpected workflow task failure.'),
      grpcError(9, 'Unable to perform workflow execution update due to Workflow Task in failed state.'),
    ]) {
      const a = answer(err);
      expect(a).toMatchObject({ status: 503, code: 'action_not_applied' });
      expect(a!.zh).toContain('操作未生效');
      expect(a!.en).toContain('it was not applied');
      expect(a!.en).toContain('Idempotency-Key');
    }
  });

  it('answers 503 action_pending, naming the deadline, when the update did not finish in time: it may still apply', () => {
    const a = answer(new WorkflowUpdateRPCTimeoutOrCancelledError('Timeout or cancellation waiting for update'), 12_000);
    expect(a).toMatchObject({ status: 503, code: 'action_pending' });
    expect(a!.zh).toContain('12 秒');
    expect(a!.en).toContain('within 12 s');
    expect(a!.en).toContain('It may still take effect');
  });

  it('answers 409 hazard_closed, in zh-CN and English, when the lifecycle has ended (signed off or withdrawn)', () => {
    for (const err of [
      new WorkflowNotFoundError('workflow execution already completed', 'hazard-1', undefined),
      failure('AcceptedUpdateCompletedWorkflow'),
    ]) {
      const a = answer(err);
      expect(a).toMatchObject({ status: 409, code: 'hazard_closed' });
      expect(a!.zh).toContain('已销号或已撤销');
      expect(a!.en).toContain('closed or withdrawn');
    }
  });

  it("leaves the workflow's own refusal and any outage to the caller", () => {
    expect(answer(failure('WRONG_STATE', '隐患当前状态不允许定级 / wrong state'))).toBeUndefined();
    expect(answer(grpcError(9, 'Workflow is not running.'))).toBeUndefined();
    expect(answer(new Error('14 UNAVAILABLE: No connection established'))).toBeUndefined();
  });
});
