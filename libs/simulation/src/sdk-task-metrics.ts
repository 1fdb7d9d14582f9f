import { createServer } from 'node:net';
import { Runtime, type RuntimeOptions } from '@temporalio/worker';

/** Workflow tasks the simulation's workers ran, and those that first replayed the workflow's history (sticky-cache misses). */
export interface TaskMetrics {
  workflowTasks: number;
  fromHistory: number;
}

/** A port free now, for the SDK's Prometheus endpoint. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The SDK runtime of this process with its metrics on a Prometheus endpoint (loopback, a free
 * port), installed before any worker so that the simulation's workers use it; `read` counts the
 * workflow tasks of the task queue `policy-simulation` since then. The benchmark asks for it
 * (`sdkMetrics`); a simulation run from the API or the CLI does not.
 */
export async function installRuntimeWithTaskMetrics(options: RuntimeOptions): Promise<{ read: () => Promise<TaskMetrics> }> {
  const port = await freePort();
  Runtime.install({ ...options, telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${port}` } } } });
  return {
    read: async () => {
      try {
        const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
        const sum = (name: string) =>
          text
            .split('\n')
            .filter((l) => l.startsWith(`${name}{`) && l.includes('task_queue="policy-simulation"'))
            .reduce((n, l) => n + Number(l.split(' ').pop()), 0);
        // Cache hits and misses leave out each workflow's first task; the latency histogram counts every task.
        return { workflowTasks: sum('temporal_workflow_task_execution_latency_count'), fromHistory: sum('temporal_sticky_cache_miss') };
      } catch {
        // The runtime ended before it was read (no shard had anything to replay).
        return { workflowTasks: NaN, fromHistory: NaN };
      }
    },
  };
}
