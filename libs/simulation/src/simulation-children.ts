import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ShardRun, SimulationOutput, SimulationProgress } from './simulation-engine';

/** What the parent sends a child: the shards it replays, by their index among all the run's shards. */
export interface ChildJob {
  shards: { index: number; run: ShardRun }[];
  /** Shards replayed at once; the others wait their turn. */
  atOnce: number;
}

/** What a child sends back: progress by shard, then the shards' outputs, or why it failed. */
export type ChildMessage =
  | { kind: 'progress'; index: number; progress: SimulationProgress }
  | { kind: 'done'; outputs: { index: number; output: SimulationOutput }[] }
  | { kind: 'failed'; message: string; stack?: string };

/**
 * A child's V8 flags. Errors made in the workflow threads carry no stack: the SDK captures and
 * source-maps a stack for every promise a workflow creates (for its `__stack_trace` query, which
 * the simulation never asks), about a third of a workflow thread's processor time; without frames
 * it is nearly free. The child's own main thread sets its limit back, so its errors keep their
 * stacks; nothing a workflow decides depends on one. No `--enable-source-maps` either: with it
 * every `new Function` (the SDK's hook makes two a promise) is checked for a source map; the child
 * enables source maps for its main thread only (process.setSourceMapsEnabled). The preload takes
 * the SDK's per-call watchdog thread out of the workflow threads (workflow-thread-preload.ts).
 */
const childExecArgv = () => ['--stack-trace-limit=0', '--require', compiled('workflow-thread-preload.js')];

/**
 * A compiled file of this folder (the child's entry, the preload): next to this file; under Jest,
 * which runs the sources, the build's copy in dist/ (`npm test` builds before it runs the tests).
 */
function compiled(file: string): string {
  const here = join(__dirname, file);
  return existsSync(here) ? here : resolve(__dirname, '..', '..', '..', 'dist', 'libs', 'simulation', 'src', file);
}

/**
 * Replays the shards in `processes` child processes, shards dealt out in turn, each child
 * replaying `atOnce` of its shards at a time, and returns their outputs in the shards' order. One
 * process runs one JavaScript thread at a time for the client, the activities and the SDK's
 * plumbing, so two cores need two processes; a child also keeps a simulation's memory and
 * processor time out of the API process. Should one child fail, the others are stopped and the
 * run fails with its reason.
 */
export async function replayInChildren(
  runs: ShardRun[],
  { processes, atOnce }: { processes: number; atOnce: number },
  onProgress: (index: number, p: SimulationProgress) => void,
): Promise<SimulationOutput[]> {
  const n = Math.max(1, Math.min(processes, runs.length));
  const jobs: ChildJob[] = Array.from({ length: n }, (_, p) => ({
    shards: runs.map((run, index) => ({ index, run })).filter(({ index }) => index % n === p),
    atOnce,
  }));
  const children: ChildProcess[] = [];
  try {
    const done = await Promise.all(jobs.map((job) => replayInChild(job, onProgress, children)));
    const outputs: SimulationOutput[] = [];
    for (const { index, output } of done.flat()) outputs[index] = output;
    return outputs;
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill();
  }
}

function replayInChild(
  job: ChildJob,
  onProgress: (index: number, p: SimulationProgress) => void,
  children: ChildProcess[],
): Promise<{ index: number; output: SimulationOutput }[]> {
  const child = fork(compiled('simulation-child.js'), [], { execArgv: childExecArgv(), serialization: 'advanced' });
  children.push(child);
  return new Promise((resolvePromise, reject) => {
    let settled = false;
    child.on('message', (m: ChildMessage) => {
      if (m.kind === 'progress') onProgress(m.index, m.progress);
      else if (m.kind === 'done') {
        settled = true;
        resolvePromise(m.outputs);
      } else {
        settled = true;
        reject(Object.assign(new Error(m.message), { stack: m.stack }));
      }
    });
    child.once('error', (err) => {
      settled = true;
      reject(err);
    });
    child.once('exit', (code, signal) => {
      if (!settled) reject(new Error(`推演子进程提前退出 / a simulation child process exited (${signal ?? code}) before it finished`));
    });
    child.send(job);
  });
}
