import type { Connection, WorkflowHandle } from '@temporalio/client';

/**
 * Runs a client call on a workflow (an update, a time skip) within a limit. A workflow task that
 * keeps failing, or an activity that never settles, leaves an update or a time skip waiting for
 * ever, and the test's own timeout then says nothing of why (and leaves the call's gRPC retries to
 * fail the next test file in the same process). Past the limit the call fails, and the error
 * names the step and what the workflow is stuck on.
 */
export async function withinLimit<T>(
  connection: Connection,
  handle: WorkflowHandle,
  where: string,
  limitMs: number,
  call: () => Promise<T>,
): Promise<T> {
  // A gRPC deadline rather than an abort: every retry of the call carries it too.
  const deadline = Date.now() + limitMs;
  try {
    return await connection.withDeadline(deadline, call);
  } catch (err) {
    if (Date.now() < deadline) throw err;
    throw new Error(`${where}: no answer within ${limitMs / 1000} s; ${await whyStuck(connection, handle)}`, { cause: err });
  }
}

/** What a workflow waits on: its pending workflow task and activities, and the last failure of either. */
export async function whyStuck(connection: Connection, handle: WorkflowHandle): Promise<string> {
  try {
    return await connection.withDeadline(Date.now() + 10_000, async () => {
      const { raw } = await handle.describe();
      const task = raw.pendingWorkflowTask;
      const activities = (raw.pendingActivities ?? []).map(
        (a) => `${a.activityType?.name} attempt ${a.attempt}${a.lastFailure?.message ? ` (${a.lastFailure.message})` : ''}`,
      );
      const events = (await handle.fetchHistory()).events ?? [];
      const failures = events
        .map((e) => e.workflowTaskFailedEventAttributes?.failure?.message ?? e.activityTaskFailedEventAttributes?.failure?.message)
        .filter((m): m is string => !!m);
      return [
        `workflow task ${task ? `pending, attempt ${task.attempt}` : 'none pending'}`,
        `activities pending: ${activities.length ? activities.join('; ') : 'none'}`,
        `last task failure: ${failures.at(-1) ?? 'none'}`,
        `history ${events.length} events`,
      ].join(', ');
    });
  } catch (err) {
    return `the server did not describe the workflow (${(err as Error).message})`;
  }
}
