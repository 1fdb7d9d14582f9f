import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { eachInPool } from '@hazards/concurrency';
import { hazardWorkflowId } from '@hazards/domain/hazard/hazard-workflow-id';
import { ArchiveKey } from '@hazards/archive/archive-key';
import { dataSourceOptions } from '@hazards/persistence/data-source-options';
import { HazardStepRecorder } from '@hazards/persistence/hazards/hazard-step.recorder';
import { seedDemoIfEmpty } from '@hazards/persistence/seed/demo-seed';
import { startNodeProcess } from '@hazards/testing/stack/app-process';
import { distPath } from '@hazards/testing/paths';
import { runMain, startBenchStack } from '@hazards/testing/stack/bench-stack';
import { drillVerdict } from '@hazards/testing/report/drill-report';
import { within } from '@hazards/testing/polling';
import { checkLifecycles, runGeneralLifecycle, runMany } from '@hazards/testing/fixtures/general-lifecycles';
import { writeAnsweredSteps } from '@hazards/testing/workflows/answered-steps';

/**
 * Drill: kill -9 the worker 10 times at random moments while 1,000 lifecycles run. With
 * DRILL_CRASH_AFTER_COMMIT_RATE (the second drill) 20% of recordStep calls also fail right after
 * their commit (the worker runs with the test-only crash-after-commit interceptor,
 * testing/src/faults). Every hazard must reach closed with exactly one history row per step, once
 * its lifecycle has ended: a workflow completes only after every step it wrote is committed, and a
 * step whose earlier step was still its (killed) activity's is in the hazard row at once but in the
 * history only when that activity is tried again (HazardStepRecorder: steps commit in order).
 */
const LIFECYCLES = Number(process.env.DRILL_LIFECYCLES ?? 1000);
const KILLS = Number(process.env.DRILL_KILLS ?? 10);
const CRASH_RATE = process.env.DRILL_CRASH_AFTER_COMMIT_RATE ?? '0';
const NAME = process.env.DRILL_NAME ?? 'worker-kill';

async function main(): Promise<void> {
  const stack = await startBenchStack({ temporalOnDisk: true });
  const ds = await new DataSource(dataSourceOptions(stack.env.DATABASE_URL, 2)).initialize();
  await seedDemoIfEmpty(ds);
  const env = { ...stack.env, DRILL_CRASH_AFTER_COMMIT_RATE: CRASH_RATE, TEMPORAL_TASK_QUEUE: 'hazards' };
  const logs = join(stack.infra.o.dataDir, 'logs');
  const startWorker = () =>
    startNodeProcess(
      'worker',
      distPath('testing', 'src', 'faults', 'fault-drill-worker.main.js'),
      env,
      join(logs, 'worker.log'),
      'worker ready',
    );
  let worker = await startWorker();
  const connection = await Connection.connect({ address: stack.env.TEMPORAL_ADDRESS });
  // The drill's actions go straight to Temporal; like the API, its client writes the steps an action
  // answers with, so the step activities (killed, or failing after their commit) race a second writer.
  const steps = new HazardStepRecorder(ds, ArchiveKey.fromEnv({ ...process.env, ...stack.env }));
  const client = new Client({ connection, interceptors: { workflow: [writeAnsweredSteps((answered) => steps.recordAll(answered))] } });
  let kills = 0;
  let running = true;
  const killer = (async () => {
    while (running && kills < KILLS) {
      await new Promise((r) => setTimeout(r, 2000 + Math.random() * 6000));
      if (!running) break;
      process.kill(worker.pid!, 'SIGKILL');
      kills++;
      console.log(`kill -9 worker #${kills}`);
      await new Promise((r) => setTimeout(r, 500));
      worker = await startWorker();
    }
  })();
  try {
    const t0 = Date.now();
    const { ids, errors } = await runMany(LIFECYCLES, 25, () => runGeneralLifecycle(client, 'hazards'));
    running = false;
    await killer;
    // Each lifecycle's end, 5 minutes at most: one that never ends shows below as short of steps or not closed.
    let ended = false;
    void eachInPool(ids, 25, (id) => client.workflow.getHandle(hazardWorkflowId(id)).result())
      .catch(() => undefined)
      .finally(() => (ended = true));
    await within(300_000, () => ended);
    const { lost, duplicated, problems } = await checkLifecycles(ds, ids);
    drillVerdict(
      NAME,
      {
        lifecycles: LIFECYCLES,
        completed: ids.length,
        clientErrors: errors.length,
        workerKills: kills,
        crashAfterCommitRate: Number(CRASH_RATE),
        lost: lost + (LIFECYCLES - ids.length),
        duplicated,
        seconds: Math.round((Date.now() - t0) / 1000),
      },
      [...errors.slice(0, 10), ...problems],
    );
  } finally {
    running = false;
    await connection.close();
    await worker.stop();
    await ds.destroy();
    await stack.stop();
  }
}

runMain(main);
