import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { loadHistory } from './support/hazard-fixtures';
import { quietBundle } from './support/test-env';

/**
 * Recorded histories (tests/workflows/histories, regenerated with
 * `RECORD_HISTORIES=1 npx jest tests/workflows`) must replay against the current workflow code.
 * A change that breaks one needs `patched()` (or a new workflow type), not a new recording.
 */
const dir = join(__dirname, 'histories');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

let bundle: WorkflowBundleWithSourceMap;
beforeAll(async () => {
  bundle = await quietBundle();
});

describe('replaying recorded lifecycles against the current workflow code', () => {
  it('has recorded histories to replay', () => {
    expect(files).toEqual(expect.arrayContaining(['general-closed-on-time.json', 'county-major-closed.json', 'city-overdue-ladder.json']));
  });

  it.each(files)('%s replays with no nondeterminism error', async (file) => {
    const { workflowId, history } = loadHistory(readFileSync(join(dir, file), 'utf8'));
    await expect(Worker.runReplayHistory({ workflowBundle: bundle }, history, workflowId)).resolves.toBeUndefined();
  });
});
