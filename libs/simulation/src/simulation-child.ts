import { inPool } from '@hazards/concurrency';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { replayShard, type SimulationOutput, type SimulationProgress } from './simulation-engine';
import type { ChildJob, ChildMessage } from './simulation-children';
import { installRuntimeWithTaskMetrics, type TaskMetrics } from './sdk-task-metrics';

/**
 * A child process of 政策推演 (forked by simulation-children.ts): replays the shards it is sent,
 * `atOnce` at a time, sends their progress as it goes, then their outputs with this process's
 * processor time, and exits. Told to stop (SIGTERM) or left alone by its parent, it shuts its workers down,
 * so each shard still tears its test server down, and exits.
 */

// Started with --stack-trace-limit=0 for the workflow threads; this thread's own errors keep their stacks.
Error.stackTraceLimit = 10;
process.setSourceMapsEnabled(true);

const stopping = new AbortController();

/** Sends to the parent; resolves once sent, or at once when the parent is gone. */
const send = (m: ChildMessage) =>
  new Promise<void>((resolve) => {
    if (!process.connected) return resolve();
    process.send!(m, undefined, {}, () => resolve());
  });

async function replay(job: ChildJob): Promise<void> {
  // The SDK's runtime, warnings only; signals stop the replay below, not the runtime (whose end would leave the servers running).
  const runtime = { logger: new DefaultLogger('WARN'), shutdownSignals: [] };
  let metrics: { read: () => Promise<TaskMetrics> } | null = null;
  if (job.shards.some((s) => s.run.sdkMetrics)) metrics = await installRuntimeWithTaskMetrics(runtime);
  else Runtime.install(runtime);
  // Read while the workers still run (the SDK's runtime and its counters end with the last one).
  const phases = new Map<number, SimulationProgress['phase']>();
  let counted: Promise<TaskMetrics> | null = null;
  // A shard that fails is told to the parent at once and stops the ones replaying beside it.
  const outputs = await inPool(job.shards.length, job.atOnce, async (i) => {
    const { index, run } = job.shards[i];
    const output = await replayShard(
      run,
      (progress) => {
        phases.set(index, progress.phase);
        const finishing = job.shards.every((s) => ['finishing', 'done'].includes(phases.get(s.index) ?? 'starting'));
        if (metrics && finishing && !counted) counted = metrics.read();
        void send({ kind: 'progress', index, progress });
      },
      stopping.signal,
    ).catch(async (err: unknown) => {
      // Told at once (the parent then stops every child), not after the other shards have unwound.
      await sendFailure(err);
      stop();
      throw err;
    });
    return { index, output };
  });
  const first: SimulationOutput = outputs[0].output;
  if (metrics) {
    const tasks = await (counted ?? metrics.read());
    first.profile.workflowTasks = tasks.workflowTasks;
    first.profile.workflowTasksFromHistory = tasks.fromHistory;
  }
  const cpu = process.cpuUsage();
  first.profile.processMs += (cpu.user + cpu.system) / 1000;
  await send({ kind: 'done', outputs });
}

/** The failure, once (the first shard's: the others fail because they were stopped). */
let failureSent = false;
async function sendFailure(err: unknown): Promise<void> {
  if (failureSent) return;
  failureSent = true;
  const e = err instanceof Error ? err : new Error(String(err));
  await send({ kind: 'failed', message: e.message, stack: e.stack });
}

const stop = () => {
  stopping.abort();
  setTimeout(() => process.exit(1), 30_000).unref();
};
process.once('SIGTERM', stop);
process.once('disconnect', stop);
process.once('message', (job: ChildJob) => {
  replay(job).then(
    () => process.exit(0),
    async (err: unknown) => {
      await sendFailure(err);
      process.exit(1);
    },
  );
});
