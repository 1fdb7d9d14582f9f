import { WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApiException } from '@hazards/api-contract/api-error';
import { turnedAwayUnapplied } from '@hazards/temporal/execute-update';
import { lifecycleFinished } from './finished-lifecycle';

/** The lifecycle ended at sign-off or withdrawal; Temporal then refuses any update. The caller checked first that the hazard exists: 409, not 404. */
const hazardClosed = (): ApiException =>
  new ApiException(
    409,
    'hazard_closed',
    '该隐患已销号或已撤销，不能再办理。',
    'This hazard is closed or withdrawn; no further action is possible.',
  );

/**
 * An action whose update did not finish in time: the workflow engine is busy or away, or no worker runs.
 * Temporal may still deliver it, so the answer cannot say "not applied": it says how to find out,
 * and that a retry under the same Idempotency-Key is applied once (the same update id).
 */
function actionPending(deadlineMs: number): ApiException {
  const s = Math.round(deadlineMs / 1000);
  return new ApiException(
    503,
    'action_pending',
    `操作未能在 ${s} 秒内完成（工作流引擎繁忙或暂时不可用）。它可能仍会生效：请稍后刷新该隐患查看；如需重试，请使用同一 Idempotency-Key，以免重复办理。`,
    `The action did not finish within ${s} s (the workflow engine is busy or unavailable). It may still take effect: look at the hazard again shortly; to retry, send the same Idempotency-Key so that it is applied once.`,
  );
}

/** The workflow engine turned the action away unapplied, and kept doing so when it was sent again (executeUpdate). */
const actionNotApplied = (): ApiException =>
  new ApiException(
    503,
    'action_not_applied',
    '工作流引擎暂时未能处理该操作，操作未生效：请稍后重试（可使用同一 Idempotency-Key）。',
    'The workflow engine could not process the action just now, and it was not applied: retry shortly (the same Idempotency-Key is fine).',
  );

/**
 * What the user hears when an action's update failed for a reason of the engine's, not of the
 * action's: the hazard's lifecycle has ended (409), the update did not finish within the API's
 * deadline (503, it may still apply), or the engine turned it away each time it was sent (503, it
 * did not apply). Anything else (the workflow validator's refusal, an outage) is not this
 * function's: it answers `undefined` and the caller rethrows.
 */
export function actionRefusal(err: unknown, deadlineMs: number): ApiException | undefined {
  if (lifecycleFinished(err)) return hazardClosed();
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return actionPending(deadlineMs);
  if (turnedAwayUnapplied(err)) return actionNotApplied();
  return undefined;
}
