import { isMainThread } from 'node:worker_threads';
import { Script, type RunningScriptOptions } from 'node:vm';

/**
 * Preloaded (`--require`) into a 政策推演 child process and so into each of its threads: in the
 * SDK's workflow threads, calls into a workflow's V8 context run without Node's `timeout` option.
 *
 * Why: the SDK runs every call into a workflow's context (several per activation) with a 5-second
 * `timeout`, its deadlock detector; for each such call Node starts a watchdog thread and joins it,
 * about 65 µs of processor time on an idle core and a wait for the scheduler on a busy one. In the
 * simulation that was 8% of the worker's processor time (1,600 hazards, A/B twice: 106 → 97 and
 * 113 → 104 processor-s). The price: a workflow that never yields would hang the run (its
 * progress stops; an update waiting over 60 s is named by the engine) instead of failing its
 * workflow task. The workflows replayed are the production code, which the production worker runs
 * with the detector on, so it would meet such a loop first. Nothing else in a child runs in a
 * worker thread.
 */
if (!isMainThread) {
  const runInContext = Script.prototype.runInContext;
  Script.prototype.runInContext = function (this: Script, context, options?: RunningScriptOptions) {
    if (options?.timeout === undefined) return runInContext.call(this, context, options);
    const { timeout: _timeout, ...rest } = options;
    return runInContext.call(this, context, rest);
  };
}
