import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { NativeConnection } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createHazardActivities } from '../../../apps/worker/src/activities/hazard.activities';
import { dataSourceOptions } from '../../../libs/persistence/src/data-source-options';
import { createHazardWorker } from '../../../libs/temporal/src/hazard-worker.factory';
import type { ShiftWorkingDaysInput } from '../../../libs/temporal/src/hazard-activities';

/**
 * Benchmark 3's worker: the production workflow and activities, except that the working-day
 * calendar is a scaled one. Deadlines are working-day offsets computed by the shiftWorkingDays
 * activity, so this is the one place to bring "the day after tomorrow" within minutes; timers,
 * the Temporal server, recordStep and PostgreSQL are the real ones being measured. (The Temporal
 * server is a Go binary: libfaketime cannot move its clock.)
 *
 * The scaled calendar: a day lasts BENCH_WORKING_DAY_MS; days are rest days until the instant in
 * the file BENCH_WORKDAYS_FROM_FILE (read at each call, so the benchmark can place it after a
 * warm-up), working days from then on; time of day is kept, as in the real calendar. A hazard
 * graded during the rest days is due on the first working day and escalated on the second, so
 * every escalation falls in one window of one day's length, however long registration took.
 */
const dayMs = Number(process.env.BENCH_WORKING_DAY_MS);
const anchorFile = process.env.BENCH_WORKDAYS_FROM_FILE ?? '';

export function scaledShift(input: ShiftWorkingDaysInput, workingDayMs: number, workdaysFrom: number): string[] {
  const from = Date.parse(input.from);
  const day = Math.floor((from - workdaysFrom) / workingDayMs);
  const timeOfDay = from - (workdaysFrom + day * workingDayMs);
  return input.offsets.map((n) => {
    if (n === 0) return new Date(from).toISOString();
    // Before the first working day every forward count starts at working day 0; backwards the
    // rest days are simply counted (only past reminders and cutoffs come out of those).
    const target = n > 0 && day < 0 ? n - 1 : day + n;
    return new Date(workdaysFrom + target * workingDayMs + timeOfDay).toISOString();
  });
}

const workdaysFrom = (): number => {
  const at = Date.parse(readFileSync(anchorFile, 'utf8').trim());
  if (!Number.isFinite(at)) throw new Error(`${anchorFile} does not hold an ISO instant`);
  return at;
};

async function main(): Promise<void> {
  if (!(dayMs > 0)) throw new Error('BENCH_WORKING_DAY_MS must be a positive number of milliseconds');
  workdaysFrom(); // fail now, not in the first activity
  const ds = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!, Number(process.env.DATABASE_POOL_SIZE ?? 10))).initialize();
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const worker = await createHazardWorker({
    connection,
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: process.env.TEMPORAL_TASK_QUEUE!,
    activities: { ...createHazardActivities(ds), shiftWorkingDays: async (input) => scaledShift(input, dayMs, workdaysFrom()) },
    maxCachedWorkflows: Number(process.env.TEMPORAL_MAX_CACHED_WORKFLOWS ?? 250),
  });
  const run = worker.run();
  console.log(`worker ready: working day = ${dayMs} ms, working days from the instant in ${anchorFile}`);
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
