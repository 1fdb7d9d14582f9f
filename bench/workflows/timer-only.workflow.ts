import { sleep } from '@temporalio/workflow';

/** The time-skipping server's raw rate: a workflow that does nothing but wait one timer. */
export async function timerOnlyWorkflow(): Promise<void> {
  await sleep('1 day');
}
