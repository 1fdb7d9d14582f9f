import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@hazards/persistence/data-source-options';
import { seedDemoIfEmpty } from '@hazards/persistence/seed/demo-seed';
import { reportAndGradeGeneral, runMany } from '@hazards/testing/fixtures/general-lifecycles';
import { startNodeProcess } from '@hazards/testing/stack/app-process';
import { distPath } from '@hazards/testing/paths';
import { within } from '@hazards/testing/polling';
import { percentile, report, round } from '@hazards/testing/report/bench-report';
import { benchName, runMain, startBenchStack, temporalBackend } from '@hazards/testing/stack/bench-stack';

/**
 * Benchmark 3: 10,000 general hazards whose first overdue escalation (督办函, one working day past
 * the deadline) falls due within ten minutes. This run's worker counts working days on a scaled
 * calendar (see testing/src/workers/scaled-calendar-worker.ts): a day lasts BENCH_WORKING_DAY_SECONDS (600),
 * rest days until after registration, so every escalation is due in the one ten-minute window of
 * the second working day. The timers, activities and database are the production ones.
 * Lateness = when the escalation's history row was recorded (PostgreSQL now()) minus when it was due.
 *
 * Baseline, in the same run on the same database: what a team without a workflow engine would
 * write, a cron job that polls the hazards table once a minute for rows past due and records an
 * escalation for each.
 */
const HAZARDS = Number(process.env.BENCH_HAZARDS ?? 10_000);
const DAY_S = Number(process.env.BENCH_WORKING_DAY_SECONDS ?? 600);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 400);
const CRON_MS = 60_000;
const TASK_QUEUE = 'hazards-lateness';

async function main(): Promise<void> {
  const stack = await startBenchStack({ temporalOnDisk: true });
  // The schema owner: the cron baseline creates its own table.
  const ds = await new DataSource(dataSourceOptions(stack.env.MIGRATION_DATABASE_URL, 4)).initialize();
  await seedDemoIfEmpty(ds);
  // Working days begin a day from now until the warm-up has told how long registration will take.
  const anchorFile = join(stack.infra.o.dataDir, 'workdays-from');
  writeFileSync(anchorFile, new Date(Date.now() + 86_400_000).toISOString());
  const env = {
    ...stack.env,
    TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    BENCH_WORKING_DAY_MS: String(DAY_S * 1000),
    BENCH_WORKDAYS_FROM_FILE: anchorFile,
    DATABASE_POOL_SIZE: '20',
  };
  const worker = await startNodeProcess(
    'worker',
    distPath('testing', 'src', 'workers', 'scaled-calendar-worker.js'),
    env,
    join(stack.infra.o.dataDir, 'logs', 'worker.log'),
    'worker ready',
  );
  const connection = await Connection.connect({ address: stack.env.TEMPORAL_ADDRESS });
  const client = new Client({ connection });
  const cronTick = () =>
    ds.query(
      `insert into bench_cron_escalations (hazard_id, due_at, recorded_at)
     select id, rectification_deadline + make_interval(secs => $1), now() from hazards
      where status not in ('closed','withdrawn') and rectification_deadline + make_interval(secs => $1) <= now()
     on conflict (hazard_id) do nothing`,
      [DAY_S],
    );
  let cron: NodeJS.Timeout | undefined;
  try {
    // The cron baseline's own table: one escalation per hazard, written by the poll.
    await ds.query(
      `create table bench_cron_escalations (hazard_id text primary key, due_at timestamptz not null, recorded_at timestamptz not null)`,
    );
    // The cron job runs all along, as it would in production.
    cron = setInterval(() => void cronTick().catch((e) => console.error(`cron: ${e.message}`)), CRON_MS);
    const register = (n: number) => runMany(n, 50, async () => (await reportAndGradeGeneral(client, TASK_QUEUE)).hazardId);
    // The warm-up falls due a day later, outside the measurement. Its first fifth (cold caches,
    // workflow bundle loading) is left out of the rate.
    await register(Math.ceil(WARMUP / 5));
    const w0 = Date.now();
    await register(WARMUP);
    const rate = WARMUP / ((Date.now() - w0) / 1000);
    // Place the first working day after registration, with a margin: the rate drops as workflows pile up.
    const workdaysFrom = new Date(Date.now() + (HAZARDS / rate) * 1300 + 30_000);
    writeFileSync(anchorFile, workdaysFrom.toISOString());
    console.log(`warm-up: ${round(rate, 1)} hazards/s; working days begin ${workdaysFrom.toISOString()}`);
    const t0 = Date.now();
    const { ids, errors } = await register(HAZARDS);
    const registerS = (Date.now() - t0) / 1000;
    console.log(`registered and graded ${ids.length} hazards in ${round(registerS, 1)} s (${errors.length} errors)`);
    const windowRows: { first: Date; last: Date }[] = await ds.query(
      `select min(rectification_deadline) + make_interval(secs => $1) as first, max(rectification_deadline) + make_interval(secs => $1) as last from hazards where id = any($2)`,
      [DAY_S, ids],
    );
    const { first, last } = windowRows[0];
    console.log(
      `escalations due from ${first.toISOString()} to ${last.toISOString()} (${round((last.getTime() - first.getTime()) / 60000, 1)} min)`,
    );
    const count = async (sql: string) => Number((await ds.query(sql, [ids]))[0].n);
    await within(
      last.getTime() + 15 * 60_000 - Date.now(),
      async () => {
        const escalated = await count(
          `select count(*)::int as n from hazard_history where step = 'escalation' and data->>'stage' = '1' and hazard_id = any($1)`,
        );
        const polled = await count(`select count(*)::int as n from bench_cron_escalations where hazard_id = any($1)`);
        return escalated >= ids.length && polled >= ids.length;
      },
      5000,
    );
    clearInterval(cron);
    const lateness: { hazard_id: string; timer_ms: number; recorded_ms: number }[] = await ds.query(
      `select hazard_id, extract(epoch from at - ((data->>'rectificationDeadline')::timestamptz + make_interval(secs => $1))) * 1000 as timer_ms,
              extract(epoch from recorded_at - ((data->>'rectificationDeadline')::timestamptz + make_interval(secs => $1))) * 1000 as recorded_ms
         from hazard_history where step = 'escalation' and data->>'stage' = '1' and hazard_id = any($2)`,
      [DAY_S, ids],
    );
    const cronLate: { ms: number }[] = await ds.query(
      `select extract(epoch from recorded_at - due_at) * 1000 as ms from bench_cron_escalations where hazard_id = any($1)`,
      [ids],
    );
    const dup = Number(
      (
        await ds.query(
          `select count(*)::int as n from (select hazard_id from hazard_history where step = 'escalation' and data->>'stage' = '1' and hazard_id = any($1)
      group by hazard_id having count(*) > 1) x`,
          [ids],
        )
      )[0].n,
    );
    const rec = lateness.map((r) => Number(r.recorded_ms));
    const tim = lateness.map((r) => Number(r.timer_ms));
    const cr = cronLate.map((r) => Number(r.ms));
    const row = (variant: string, xs: number[]) => ({
      variant,
      escalations: xs.length,
      p50_s: round(percentile(xs, 50) / 1000, 3),
      p99_s: round(percentile(xs, 99) / 1000, 3),
      max_s: round(Math.max(...xs) / 1000, 3),
    });
    const p99 = percentile(rec, 99);
    report(
      benchName('escalation-lateness'),
      [
        row('workflow timer → escalation recorded', rec),
        row('  of which: timer fired (workflow time)', tim),
        row('baseline: one-minute cron poll', cr),
        {
          variant: 'ratio cron/workflow (p50)',
          escalations: 0,
          p50_s: round(percentile(cr, 50) / percentile(rec, 50), 1),
          p99_s: round(percentile(cr, 99) / p99, 1),
          max_s: 0,
        },
      ],
      {
        temporal: temporalBackend(),
        hazards: HAZARDS,
        registered: ids.length,
        registrationErrors: errors.length,
        registrationSeconds: round(registerS, 1),
        workingDaySeconds: DAY_S,
        warmupRatePerS: round(rate, 1),
        workdaysFrom: workdaysFrom.toISOString(),
        dueWindowMinutes: round((last.getTime() - first.getTime()) / 60000, 1),
        missing: ids.length - (lateness.length - dup),
        duplicated: dup,
        target_p99_s: 2,
        met: p99 <= 2000 && lateness.length - dup === ids.length,
      },
    );
  } finally {
    if (cron) clearInterval(cron);
    await connection.close();
    await worker.stop();
    await ds.destroy();
    await stack.stop();
  }
}

runMain(main);
