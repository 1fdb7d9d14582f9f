import 'reflect-metadata';
import { NativeConnection } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createHazardActivities } from '../../apps/worker/src/activities/hazard.activities';
import { dataSourceOptions } from '../../libs/persistence/src/data-source-options';
import { createHazardWorker } from '../../libs/temporal/src/hazard-worker.factory';
import type { ShiftWorkingDaysInput } from '../../libs/temporal/src/hazard-activities';

/**
 * Benchmark 3's worker: the production workflow and activities, except that a working day lasts
 * BENCH_WORKING_DAY_MS instead of a calendar day. Deadlines are working-day offsets computed by
 * the shiftWorkingDays activity, so this is the one place to shrink "the day after tomorrow" to
 * minutes; timers, the Temporal server, recordStep and PostgreSQL are the real ones being measured.
 * (The Temporal server is a Go binary: libfaketime cannot move its clock.)
 */
const dayMs = Number(process.env.BENCH_WORKING_DAY_MS);

export function scaledShift(input: ShiftWorkingDaysInput, workingDayMs: number): string[] {
  const from = Date.parse(input.from);
  return input.offsets.map((n) => new Date(from + n * workingDayMs).toISOString());
}

async function main(): Promise<void> {
  if (!(dayMs > 0)) throw new Error('BENCH_WORKING_DAY_MS must be a positive number of milliseconds');
  const ds = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!, Number(process.env.DATABASE_POOL_SIZE ?? 10))).initialize();
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const worker = await createHazardWorker({
    connection,
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: process.env.TEMPORAL_TASK_QUEUE!,
    activities: { ...createHazardActivities(ds), shiftWorkingDays: async (input) => scaledShift(input, dayMs) },
    maxCachedWorkflows: Number(process.env.TEMPORAL_MAX_CACHED_WORKFLOWS ?? 250),
  });
  const run = worker.run();
  console.log(`worker ready: working day = ${dayMs} ms`);
  process.on('SIGTERM', () => worker.shutdown());
  await run;
  await connection.close();
  await ds.destroy();
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
