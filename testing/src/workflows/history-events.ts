import type { WorkflowHandle } from '@temporalio/client';

/** History event types the tests count (the proto enum's numbers). */
const EVENT = {
  workflowTaskScheduled: 5,
  workflowTaskCompleted: 7,
  activityTaskScheduled: 10,
  activityTaskCompleted: 12,
  timerStarted: 17,
  signaled: 26,
} as const;

const eventTypes = async (h: WorkflowHandle): Promise<number[]> => ((await h.fetchHistory()).events ?? []).map((e) => Number(e.eventType));

/** How many Temporal timers the workflow has started so far (each a billable action). */
export async function timersStarted(h: WorkflowHandle): Promise<number> {
  return (await eventTypes(h)).filter((x) => x === EVENT.timerStarted).length;
}

/**
 * The last signal has been handled: its calendar activity came back, a workflow task completed
 * after it, and none is pending (a hazard that records nothing leaves no other trace).
 */
export async function settledAfterSignal(h: WorkflowHandle): Promise<boolean> {
  const types = await eventTypes(h);
  const signalled = types.lastIndexOf(EVENT.signaled);
  if (signalled < 0) return false;
  const after = types.slice(signalled + 1);
  const scheduled = after.filter((x) => x === EVENT.activityTaskScheduled).length;
  const completed = after.filter((x) => x === EVENT.activityTaskCompleted).length;
  const lastTaskDone = after.lastIndexOf(EVENT.workflowTaskCompleted);
  return (
    scheduled > 0 &&
    completed === scheduled &&
    lastTaskDone > after.lastIndexOf(EVENT.activityTaskCompleted) &&
    !after.slice(lastTaskDone).includes(EVENT.workflowTaskScheduled)
  );
}
