import { resolve } from 'node:path';
import { createContext, Script } from 'node:vm';
import { Worker } from 'node:worker_threads';
// Loaded in Jest's main thread too: isMainThread, so it must leave this thread's calls alone.
import './workflow-thread-preload';

/** The build's copy (`npm test` builds before it runs the tests); the child processes load the same file. */
const PRELOAD = resolve(__dirname, '..', '..', '..', 'dist', 'libs', 'simulation', 'src', 'workflow-thread-preload.js');

/** Runs a script of 50 ms in a fresh context with a 5 ms `timeout`, in a worker thread started with or without the preload. */
function runSlowScript(withPreload: boolean): Promise<string> {
  const code = `
    const vm = require('node:vm');
    const { parentPort } = require('node:worker_threads');
    let answer;
    try {
      new vm.Script('const end = Date.now() + 50; while (Date.now() < end) {}').runInContext(vm.createContext({ Date }), { timeout: 5 });
      answer = 'completed';
    } catch (err) {
      answer = err.code ?? err.message;
    }
    parentPort.postMessage(answer);
  `;
  const worker = new Worker(code, { eval: true, execArgv: withPreload ? ['--require', PRELOAD] : [] });
  return new Promise((ok, fail) => {
    worker.once('message', (m: string) => ok(m));
    worker.once('error', fail);
  }).finally(() => worker.terminate()) as Promise<string>;
}

describe('the simulation children: workflow threads run without the per-call watchdog', () => {
  test('in a thread started with the preload a call into a context is not cut off by its timeout', async () => {
    expect(await runSlowScript(true)).toBe('completed');
  });

  test('without it Node cuts the same call off (what the preload takes away)', async () => {
    expect(await runSlowScript(false)).toBe('ERR_SCRIPT_EXECUTION_TIMEOUT');
  });

  test("the child process's main thread keeps the timeout (the preload is imported above, in Jest's main thread)", () => {
    const slow = () =>
      new Script('const end = Date.now() + 50; while (Date.now() < end) {}').runInContext(createContext({ Date }), { timeout: 5 });
    expect(slow).toThrow(expect.objectContaining({ code: 'ERR_SCRIPT_EXECUTION_TIMEOUT' }));
  });
});
