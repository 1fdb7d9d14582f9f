import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { Context } from '@temporalio/activity';
import { NativeConnection } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createHazardActivities } from '../../../apps/worker/src/activities/hazard.activities';
import { validateEnvironment } from '@hazards/config/environment.schema';
import { DEFAULT_POLICY } from '@hazards/domain/policy/default-policy';
import { dataSourceOptions } from '@hazards/persistence/data-source-options';
import { createHazardWorker, workerTuningFrom } from '@hazards/temporal/hazard-worker.factory';
import type { ShiftWorkingDaysInput } from '@hazards/temporal/hazard-activities';

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
 *
 * BENCH_CALENDAR=due-in-id (the capacity benchmark) places each hazard's first escalation at an
 * instant of the benchmark's choosing instead, written in the hazard's id (see dueInIdShift).
 */
const dayMs = Number(process.env.BENCH_WORKING_DAY_MS);
const anchorFile = process.env.BENCH_WORKDAYS_FROM_FILE ?? '';
const dueInId = process.env.BENCH_CALENDAR === 'due-in-id';

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

/** A hazard id whose first overdue escalation falls due at `dueMs` under dueInIdShift. */
export const idDueAt = (prefix: string, dueMs: number, n: number): string => `${prefix}-${dueMs}-${n}`;

/**
 * The capacity benchmark's calendar: the hazard's first overdue escalation (working day
 * `firstEscalationOffset` from the grading: the deadline plus the ladder's first stage) falls
 * exactly at the instant written in its id, whenever it was graded, so the density of due
 * escalations is the benchmark's choice, not the registration rate's. Every other count moves by
 * whole days of `workingDayMs` from there: the deadline and its reminders lie in the past (not
 * sent), the later stages after the benchmark. Counting 0 days keeps the instant.
 */
export function dueInIdShift(
  input: ShiftWorkingDaysInput,
  workflowId: string,
  workingDayMs: number,
  firstEscalationOffset: number,
): string[] {
  const due = Number(/-(\d{13})-\d+$/.exec(workflowId)?.[1]);
  if (!Number.isFinite(due)) throw new Error(`${workflowId}: no due instant in the id`);
  return input.offsets.map((n) =>
    new Date(n === 0 ? Date.parse(input.from) : due + (n - firstEscalationOffset) * workingDayMs).toISOString(),
  );
}

/** The general hazard graded 立即整改 (immediate): its deadline plus the first stage of its ladder. */
const FIRST_ESCALATION_OFFSET =
  DEFAULT_POLICY.rectification.general.immediateWorkingDays + DEFAULT_POLICY.escalation.generalLadder[0].afterOverdueWorkingDays;

const workdaysFrom = (): number => {
  const at = Date.parse(readFileSync(anchorFile, 'utf8').trim());
  if (!Number.isFinite(at)) throw new Error(`${anchorFile} does not hold an ISO instant`);
  return at;
};

async function main(): Promise<void> {
  if (!(dayMs > 0)) throw new Error('BENCH_WORKING_DAY_MS must be a positive number of milliseconds');
  if (!dueInId) workdaysFrom(); // fail now, not in the first activity
  const env = validateEnvironment(process.env);
  const ds = await new DataSource(dataSourceOptions(env.DATABASE_URL, env.DATABASE_POOL_SIZE)).initialize();
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const shift = dueInId
    ? async (input: ShiftWorkingDaysInput) =>
        dueInIdShift(input, Context.current().info.workflowExecution?.workflowId ?? '', dayMs, FIRST_ESCALATION_OFFSET)
    : async (input: ShiftWorkingDaysInput) => scaledShift(input, dayMs, workdaysFrom());
  const tuning = workerTuningFrom(env);
  const worker = await createHazardWorker({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    activities: { ...createHazardActivities(ds), shiftWorkingDays: shift },
    tuning,
  });
  const run = worker.run();
  console.log(
    `worker ready: working day = ${dayMs} ms, ${dueInId ? 'first escalations at the instants in the hazard ids' : `working days from the instant in ${anchorFile}`}; ${JSON.stringify(tuning)}`,
  );
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
