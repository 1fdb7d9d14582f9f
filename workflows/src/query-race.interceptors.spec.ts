import type { ActivateInput } from '@temporalio/workflow';
import { advancedWithoutTask, QUERY_RACE_MESSAGE, QueryRaceGuard } from './query-race.interceptors';

/** An activation as core sends it: workflow time (s, ns), events applied, and its jobs. */
function activation(seconds: number, nanos: number, historyLength: number, jobs: string[], batchIndex = 0): ActivateInput {
  // Core sends seconds as a Long; the guard only compares their text.
  const activation = {
    timestamp: { seconds, nanos },
    historyLength,
    jobs: jobs.map((j) =>
      j === 'query' || j === 'taskQuery'
        ? { queryWorkflow: { queryType: 'getState', queryId: j === 'query' ? 'legacy_query' : 'q-1' } }
        : { [j]: {} },
    ),
  };
  return { batchIndex, activation } as unknown as ActivateInput;
}

describe('the query race guard', () => {
  it('names the defect’s path: history grew while the clock stood still', () => {
    const task1 = { time: '100.5', historyLength: 3 };
    expect(advancedWithoutTask(null, task1)).toBe(false);
    expect(advancedWithoutTask(task1, { time: '100.5', historyLength: 12 })).toBe(true);
    // A new workflow task moves the clock; a second activation of one task applies no events.
    expect(advancedWithoutTask(task1, { time: '101.0', historyLength: 13 })).toBe(false);
    expect(advancedWithoutTask(task1, { time: '100.5', historyLength: 3 })).toBe(false);
  });

  it('refuses the legacy query that follows jobs applied without a workflow task, and nothing else', () => {
    const guard = new QueryRaceGuard();
    const seen: string[] = [];
    const next = (input: ActivateInput) => void seen.push((input.activation.jobs ?? []).map((j) => Object.keys(j)[0]).join());
    guard.activate(activation(100, 5, 3, ['initializeWorkflow']), next);
    guard.activate(activation(100, 5, 3, ['query']), next);
    // The activity's result, applied for the query with the last task's clock: the workflow still runs it...
    guard.activate(activation(100, 5, 12, ['resolveActivity']), next);
    // ...and whatever follows at once in the same standstill (an activity it cancelled) keeps the mark...
    guard.activate(activation(100, 5, 12, ['resolveActivity']), next);
    // ...but the query is refused, so core drops the run and the next task replays it.
    expect(() => guard.activate(activation(100, 5, 12, ['query']), next)).toThrow(QUERY_RACE_MESSAGE);
    expect(() => guard.activate(activation(100, 5, 12, ['query']), next)).toThrow(QUERY_RACE_MESSAGE);
    // A workflow task of its own clears it; a signal batch's second half changes nothing.
    guard.activate(activation(101, 0, 13, ['signalWorkflow']), next);
    guard.activate(activation(101, 0, 13, ['doUpdate'], 1), next);
    guard.activate(activation(101, 0, 13, ['query']), next);
    expect(seen).toEqual([
      'initializeWorkflow',
      'queryWorkflow',
      'resolveActivity',
      'resolveActivity',
      'signalWorkflow',
      'doUpdate',
      'queryWorkflow',
    ]);
  });

  it('answers a query that came with a workflow task, so that task never fails for it', () => {
    const guard = new QueryRaceGuard();
    const next = () => undefined;
    guard.activate(activation(100, 5, 3, ['initializeWorkflow']), next);
    // A task whose start the server clock put no later than the last one (clock skew): the clock stands still.
    guard.activate(activation(100, 5, 8, ['fireTimer']), next);
    expect(() => guard.activate(activation(100, 5, 8, ['taskQuery']), next)).not.toThrow();
    expect(() => guard.activate(activation(100, 5, 8, ['query']), next)).toThrow(QUERY_RACE_MESSAGE);
  });
});
