import type { ActivityExecuteInput, ActivityInboundCallsInterceptor } from '@temporalio/worker';
import { crashAfterCommit } from './crash-after-commit';

/** The drill's interceptor: recordStep's work is done (committed) before the injected crash. */
describe('crash-after-commit fault injection', () => {
  const run = async (activityType: string, rate: number) => {
    let committed = 0;
    const ctx = { info: { activityType, activityId: '1', workflowExecution: { workflowId: 'hazard-x' } } } as never;
    const inbound = crashAfterCommit(rate)(ctx).inbound as Required<ActivityInboundCallsInterceptor>;
    const outcome = await inbound
      .execute({} as ActivityExecuteInput, async () => ++committed)
      .then(
        () => 'returned',
        (e: Error) => e.message,
      );
    return { committed, outcome };
  };

  test('at rate 1 every recordStep commits and then fails, so Temporal retries a step already written', async () => {
    const r = await run('recordStep', 1);
    expect(r.committed).toBe(1);
    expect(r.outcome).toMatch(/injected fault: crashed after committing/);
  });

  test('a step written with its document (issueAndRecordStep) commits and then fails too', async () => {
    const r = await run('issueAndRecordStep', 1);
    expect(r.committed).toBe(1);
    expect(r.outcome).toMatch(/injected fault/);
  });

  test('other activities and rate 0 are untouched', async () => {
    expect(await run('shiftWorkingDays', 1)).toEqual({ committed: 1, outcome: 'returned' });
    expect(await run('recordStep', 0)).toEqual({ committed: 1, outcome: 'returned' });
  });
});
