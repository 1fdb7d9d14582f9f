import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createHazardActivities } from '../../../apps/worker/src/activities/hazard.activities';
import { createHazardWorker } from '@hazards/temporal/hazard-worker.factory';

/**
 * The real worker (real activities into PostgreSQL) on the test stack's Temporal dev server.
 * Test files share the default task queue (every worker there is equivalent), unless one names its
 * own: a queue no other file's worker polls (tests/api/action-deadline.test.ts starts it late).
 */
export async function startHazardWorker(
  ds: DataSource,
  taskQueue = process.env.TEMPORAL_TASK_QUEUE ?? 'hazards',
): Promise<{ worker: Worker; stop: () => Promise<void> }> {
  // Warnings and errors only: the bundler's report and state changes would drown the test output.
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    /* already installed in this test file */
  }
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const worker = await createHazardWorker({
    connection,
    namespace: 'default',
    taskQueue,
    activities: createHazardActivities(ds),
  });
  const running = worker.run();
  return {
    worker,
    stop: async () => {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}
