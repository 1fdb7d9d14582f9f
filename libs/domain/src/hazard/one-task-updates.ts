/**
 * The patch id behind which a lifecycle applies its updates one at a time in its main loop and
 * writes its steps as local activities, so that an update answers in one workflow task (issue 17.1;
 * workflows/src/lifecycle/action-queue.ts). Here, not in the workflow's patch list alone, because
 * the worker decides whether new executions take it (`TEMPORAL_ONE_TASK_UPDATES`).
 */
export const ONE_TASK_UPDATES_PATCH = 'one-task-updates';
