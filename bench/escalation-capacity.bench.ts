import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';
import { DataSource } from 'typeorm';
import { hazardWorkflowId } from '@hazards/domain/hazard/hazard-workflow-id';
import { dataSourceOptions } from '@hazards/persistence/data-source-options';
import { DEFAULT_WORKER_TUNING } from '@hazards/temporal/hazard-worker.factory';
import { seedDemoIfEmpty } from '@hazards/persistence/seed/demo-seed';
import { reportAndGradeGeneral, runMany } from '@hazards/testing/fixtures/general-lifecycles';
import { distPath } from '@hazards/testing/paths';
import { poolRate } from '@hazards/testing/pool';
import { median, percentile, report, round } from '@hazards/testing/report/bench-report';
import { cpuPerUnit, rssMb, stackCpu } from '@hazards/testing/report/process-usage';
import { LockHolderSampler, StatementProfile } from '@hazards/testing/report/pg-statements';
import { startCountingMailServer } from '@hazards/testing/receivers/counting-mail-server';
import { startAppProcess, startNodeProcess } from '@hazards/testing/stack/app-process';
import { benchName, runMain, startBenchStack } from '@hazards/testing/stack/bench-stack';
import { idDueAt } from '@hazards/testing/workers/scaled-calendar-worker';

/**
 * Escalation capacity: the highest density of due escalations (督办函, a general hazard's first
 * overdue stage) that the system records with p99 lateness ≤ 2 s, on Temporal on PostgreSQL by
 * default, beside the raw Temporal start rate measured in the same run.
 *
 * The density ramps (BENCH_CAPACITY_STEPS, escalations due a second; each step lasts
 * BENCH_CAPACITY_STEP_SECONDS) until a step misses, then one step halfway between the last that
 * passed and the first that missed. Before each step its hazards are registered (report + grade,
 * as the users' updates do) with their first escalation placed at an instant of the step's window
 * (the instant is written in the hazard id and the benchmark worker's calendar puts the escalation
 * there, testing/src/workers/scaled-calendar-worker.ts), so the density does not depend on how fast
 * registration went. During the window nothing else runs. The hazards of earlier steps stay open
 * (their later stages fall hours away), as a province's open hazards do.
 *
 * Lateness = the history row's recorded_at (PostgreSQL) minus the due instant. For a sample of each
 * step, the workflow histories split it: due → timer fired → workflow task started → step
 * committed → event relayed (the notifier's outbox relay, published_at).
 */
const STEPS = (process.env.BENCH_CAPACITY_STEPS ?? '10,20,40,80').split(',').map(Number);
const STEP_S = Number(process.env.BENCH_CAPACITY_STEP_SECONDS ?? 120);
const P99_LIMIT_MS = Number(process.env.BENCH_CAPACITY_P99_SECONDS ?? 2) * 1000;
const FULL_RAMP = process.env.BENCH_CAPACITY_FULL_RAMP === '1';
const REFINE = process.env.BENCH_CAPACITY_REFINE !== '0';
const RAW_STARTS = Number(process.env.BENCH_RAW_STARTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const SAMPLE = Number(process.env.BENCH_BREAKDOWN_SAMPLE ?? 100);
const DRAIN_S = Number(process.env.BENCH_CAPACITY_DRAIN_SECONDS ?? 600);
/** A working day of the benchmark calendar: the later stages fall this far after the first. */
const DAY_MS = 3600_000;
const TASK_QUEUE = 'hazards-capacity';

interface StepResult {
  density: number;
  escalations: number;
  recorded: number;
  duplicated: number;
  p50_s: number;
  p99_s: number;
  max_s: number;
  met: 'yes' | 'no';
  register_per_s: number;
  load_avg: number;
  breakdown: Record<string, { p50_ms: number; p99_ms: number }>;
  /** Processor ms per escalation from the window's start until the last was recorded, by part of the stack. */
  cpu_ms: Record<string, number>;
  /** The worker's resident memory once the step's escalations were recorded: what its sticky cache costs. */
  worker_rss_mb: number;
}

const loadAvg1 = () => round(loadavg()[0], 1);

async function main(): Promise<void> {
  if (STEPS.some((n) => !(n > 0)))
    throw new Error(`BENCH_CAPACITY_STEPS: escalations due a second, e.g. 10,20,40,80 (got ${STEPS.join(',')})`);
  process.env.TEMPORAL_BACKEND ??= 'postgres';
  const stack = await startBenchStack({ temporalOnDisk: true });
  const ds = await new DataSource(dataSourceOptions(stack.env.MIGRATION_DATABASE_URL, 4)).initialize();
  await seedDemoIfEmpty(ds);
  const logs = join(stack.infra.o.dataDir, 'logs');
  const env: Record<string, string> = {
    ...stack.env,
    TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    BENCH_CALENDAR: 'due-in-id',
    BENCH_WORKING_DAY_MS: String(DAY_MS),
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '20',
    LOG_LEVEL: 'warn',
    ...pickEnv(
      'TEMPORAL_MAX_CACHED_WORKFLOWS',
      'TEMPORAL_WORKFLOW_TASK_SLOTS',
      'TEMPORAL_LOCAL_ACTIVITY_SLOTS',
      'TEMPORAL_WORKFLOW_TASK_POLLERS',
      'TEMPORAL_NORMAL_QUEUE_POLL_SHARE',
    ),
  };
  const worker = await startNodeProcess(
    'worker',
    distPath('testing', 'src', 'workers', 'scaled-calendar-worker.js'),
    env,
    join(logs, 'worker.log'),
    'worker ready',
  );
  // The outbox relay, for the last leg of the breakdown (and the notices the escalations send, as in
  // production), with the province's mail server outside the stack.
  const { mail, notifierEnv } = await startCountingMailServer({ ...stack.env, LOG_LEVEL: 'warn' });
  const notifier = await startAppProcess('notifier', notifierEnv, logs);
  const connection = await Connection.connect({ address: stack.env.TEMPORAL_ADDRESS });
  const client = new Client({ connection });
  // BENCH_PG_STATEMENTS=1: which statements an escalation runs, and what each costs PostgreSQL.
  const statements = process.env.BENCH_PG_STATEMENTS === '1' ? new StatementProfile(stack.infra.postgres) : null;
  const holders = statements ? new LockHolderSampler(stack.infra.postgres) : null;
  const rawCpu: Record<string, number>[] = [];
  const rawStartRate = async () => {
    const before = stackCpu();
    const rate = await poolRate(RAW_STARTS, CONCURRENCY, async () => {
      await client.workflow.start('emptyWorkflow', { workflowId: `empty-${randomUUID()}`, taskQueue: 'bench-empty', args: [] });
    });
    rawCpu.push(cpuPerUnit(before, stackCpu(), RAW_STARTS));
    return rate;
  };
  let n = 0;
  const register = async (dueAt: (i: number) => number, count: number, prefix: string) => {
    const t0 = Date.now();
    let i = 0;
    const { ids, errors } = await runMany(count, CONCURRENCY, async () => {
      const id = idDueAt(prefix, dueAt(i++), n++);
      await reportAndGradeGeneral(client, TASK_QUEUE, id);
      return id;
    });
    if (errors.length) throw new Error(`registration: ${errors.length} errors, e.g. ${errors[0]}`);
    return { ids, perS: count / ((Date.now() - t0) / 1000) };
  };
  try {
    console.log(
      `worker sticky cache: ${env.TEMPORAL_MAX_CACHED_WORKFLOWS ?? DEFAULT_WORKER_TUNING.maxCachedWorkflows} workflows (TEMPORAL_MAX_CACHED_WORKFLOWS)`,
    );
    const raw: number[] = [round(await rawStartRate(), 1)];
    console.log(`raw workflow.start: ${raw[0]}/s (load average ${loadAvg1()})`);
    // Warm-up: bundles, caches and connections; its escalations fall a day away. Gives the first registration rate.
    let registerRate = (await register(() => Date.now() + 86_400_000, 300, 'cap-warm')).perS;
    console.log(`warm-up: ${round(registerRate, 1)} registrations/s`);

    const results: StepResult[] = [];
    const runStep = async (density: number) => {
      const count = Math.round(density * STEP_S);
      // The window opens once registration will have finished, with a margin for a slower run.
      const windowStart = Date.now() + (count / registerRate) * 1400 + 20_000;
      const dueAt = (i: number) => Math.round(windowStart + (i * 1000) / density);
      console.log(`step ${density}/s: registering ${count} hazards, due from ${new Date(windowStart).toISOString()} for ${STEP_S} s ...`);
      const { ids, perS } = await register(dueAt, count, `cap${density}`);
      registerRate = perS;
      if (Date.now() > windowStart - 2000)
        throw new Error(
          `registration overran the window of step ${density}/s (${round(perS, 1)}/s): lower BENCH_CAPACITY_STEP_SECONDS or retry on a quieter machine`,
        );
      await new Promise((r) => setTimeout(r, Math.max(0, windowStart - Date.now())));
      const loadAtStart = loadavg()[0];
      const mailsAtStart = mail.accepted;
      const cpuAtStart = stackCpu();
      await statements?.reset();
      holders?.start();
      const windowEnd = windowStart + STEP_S * 1000;
      await waitUntilRecorded(ds, ids, windowEnd + DRAIN_S * 1000);
      const cpu_ms = cpuPerUnit(cpuAtStart, stackCpu(), count);
      const worker_rss_mb = rssMb(worker.pid);
      const mailsInWindow = mail.accepted - mailsAtStart;
      const profile = await statements?.top(count);
      const holdings = await holders?.stop();
      const r = await measureStep(ds, client, ids, density, SAMPLE);
      const result: StepResult = {
        ...r,
        register_per_s: round(perS, 1),
        load_avg: round((loadAtStart + loadavg()[0]) / 2, 1),
        cpu_ms,
        worker_rss_mb,
      };
      results.push(result);
      console.table([{ ...result, breakdown: undefined, cpu_ms: undefined }]);
      console.table(result.breakdown);
      console.log('processor ms per escalation, by part of the stack:');
      console.table([cpu_ms]);
      console.log(`the escalations' notices by channel (e-mails accepted by the mail server meanwhile: ${mailsInWindow}):`);
      console.table(await escalationDeliveries(ds, ids));
      if (profile) {
        console.log('PostgreSQL statements per escalation, costliest first (BENCH_PG_STATEMENTS=1):');
        console.table(profile);
        console.log('sessions that others queued on for a lock, sampled every 500 ms (what the holder was doing):');
        console.table(holdings);
      }
      return result;
    };

    let lastPass = 0;
    let firstFail = 0;
    for (const density of STEPS) {
      const r = await runStep(density);
      if (r.met === 'yes') lastPass = Math.max(lastPass, density);
      else {
        firstFail = firstFail || density;
        if (!FULL_RAMP) break;
      }
    }
    if (REFINE && firstFail && firstFail - lastPass > 1) {
      const mid = Math.round((lastPass + firstFail) / 2);
      const r = await runStep(mid);
      if (r.met === 'yes') lastPass = mid;
    }
    raw.push(round(await rawStartRate(), 1));
    const rawRate = (raw[0] + raw[1]) / 2;
    const capacity = lastPass;
    console.log(`raw workflow.start at the end: ${raw[1]}/s`);
    // The cost model behind the ratio: what one escalation and one raw start cost the machine's processors.
    const rawStartCpuMs = round((rawCpu[0].total + rawCpu[1].total) / 2, 1);
    const escalationCpuMs = median(results.map((r) => r.cpu_ms.total));
    console.log('processor ms per raw start, by part of the stack (before, after):');
    console.table(rawCpu);
    console.log(
      `processor per escalation ${escalationCpuMs} ms (median of the steps) against ${rawStartCpuMs} ms per raw start: ` +
        `${round(escalationCpuMs / rawStartCpuMs, 1)}× the work; ${cpus().length} cores busy only with this give at most ` +
        `${round((cpus().length * 1000) / escalationCpuMs, 1)} escalations/s`,
    );
    report(
      benchName('escalation-capacity'),
      results.map((r) => ({
        density_per_s: r.density,
        escalations: r.escalations,
        recorded: r.recorded,
        duplicated: r.duplicated,
        p50_s: r.p50_s,
        p99_s: r.p99_s,
        max_s: r.max_s,
        met: r.met,
        register_per_s: r.register_per_s,
        load_avg: r.load_avg,
        ...Object.fromEntries(Object.entries(r.breakdown).map(([leg, b]) => [`${leg}_p50_ms/p99_ms`, `${b.p50_ms} / ${b.p99_ms}`])),
        cpu_ms_per_escalation: r.cpu_ms.total,
        worker_rss_mb: r.worker_rss_mb,
      })),
      {
        temporal: process.env.TEMPORAL_BACKEND,
        stepSeconds: STEP_S,
        p99LimitS: P99_LIMIT_MS / 1000,
        rawStartsPerS: raw,
        rawStartRate: round(rawRate, 1),
        capacityPerS: capacity,
        ratio: round(capacity / rawRate, 2),
        target: 0.5,
        met: capacity / rawRate >= 0.5,
        breakdownSample: SAMPLE,
        cpuMsPerEscalation: Object.fromEntries(results.map((r) => [r.density, r.cpu_ms])),
        cpuMsPerRawStart: rawCpu,
        cpuCostRatio: round(escalationCpuMs / rawStartCpuMs, 1),
        ceilingPerS: round((cpus().length * 1000) / escalationCpuMs, 1),
        steps: results,
        workerTuning: env,
      },
    );
    console.log(
      `capacity: ${capacity} escalations/s with p99 ≤ ${P99_LIMIT_MS / 1000} s; raw workflow.start ${round(rawRate, 1)}/s (${raw.join(', ')}); ratio ${round(capacity / rawRate, 2)} (goal ≥ 0.5)`,
    );
  } finally {
    await connection.close();
    await notifier.stop();
    await mail.stop();
    await worker.stop();
    await ds.destroy();
    await stack.stop();
  }
}

function pickEnv(...names: string[]): Record<string, string> {
  return Object.fromEntries(names.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]!]));
}

const countRecorded = async (ds: DataSource, ids: string[]) =>
  Number(
    (
      await ds.query(`select count(distinct hazard_id)::int as n from hazard_history where step = 'escalation' and hazard_id = any($1)`, [
        ids,
      ])
    )[0].n,
  );

async function waitUntilRecorded(ds: DataSource, ids: string[], until: number): Promise<void> {
  while (Date.now() < until) {
    if ((await countRecorded(ds, ids)) >= ids.length) return;
    await new Promise((r) => setTimeout(r, 2000));
  }
}

/** The deliveries of the escalations' notices, by channel and status: did the notifier keep up, and at what attempts. */
const escalationDeliveries = (ds: DataSource, ids: string[]) =>
  ds.query(
    `select d.channel, d.status, count(*)::int as deliveries, round(avg(d.attempts), 2)::float as attempts_each
       from hazard_history h
       join notification_messages m on m.event_id like h.hazard_id || ':' || h.seq || ':%'
       join notification_deliveries d on d.message_id = m.id
      where h.step = 'escalation' and h.hazard_id = any($1)
      group by 1, 2 order by 1, 2`,
    [ids],
  );

const dueOf = (hazardId: string) => Number(/-(\d{13})-\d+$/.exec(hazardId)![1]);

/** Lateness of each escalation of one step, and for a sample, where its time went. */
async function measureStep(ds: DataSource, client: Client, ids: string[], density: number, sample: number) {
  const rows: { hazard_id: string; seq: number; recorded_ms: string; published_ms: string | null }[] = await ds.query(
    `select h.hazard_id, h.seq, extract(epoch from h.recorded_at) * 1000 as recorded_ms, extract(epoch from o.published_at) * 1000 as published_ms
       from hazard_history h left join outbox_events o on o.event_id = h.hazard_id || ':' || h.seq || ':0'
      where h.step = 'escalation' and (h.data->>'stage') = '1' and h.hazard_id = any($1)`,
    [ids],
  );
  const late = rows.map((r) => Number(r.recorded_ms) - dueOf(r.hazard_id));
  const recorded = new Set(rows.map((r) => r.hazard_id)).size;
  const duplicated = rows.length - recorded;
  const p99 = percentile(late, 99);
  // Where the time goes, from the workflow histories of an evenly spread sample.
  const legs: Record<string, number[]> = {
    'due→timer_fired': [],
    'timer_fired→task_started': [],
    'task_started→step_committed': [],
    'step_committed→event_relayed': [],
  };
  const byId = new Map(rows.map((r) => [r.hazard_id, r]));
  const chosen = ids.filter((_, i) => i % Math.max(1, Math.floor(ids.length / sample)) === 0).slice(0, sample);
  for (const id of chosen) {
    const row = byId.get(id);
    if (!row) continue;
    const due = dueOf(id);
    const { events } = await client.workflow.getHandle(hazardWorkflowId(id)).fetchHistory();
    const list = events ?? [];
    const fired = list.findIndex((e) => e.timerFiredEventAttributes && tsToMs(e.eventTime) >= due - 5);
    if (fired < 0) continue;
    const started = list.findIndex((e, i) => i > fired && e.workflowTaskStartedEventAttributes);
    const firedMs = tsToMs(list[fired].eventTime);
    legs['due→timer_fired'].push(firedMs - due);
    if (started > 0) {
      const startedMs = tsToMs(list[started].eventTime);
      legs['timer_fired→task_started'].push(startedMs - firedMs);
      legs['task_started→step_committed'].push(Number(row.recorded_ms) - startedMs);
    }
    if (row.published_ms) legs['step_committed→event_relayed'].push(Number(row.published_ms) - Number(row.recorded_ms));
  }
  const breakdown = Object.fromEntries(
    Object.entries(legs).map(([leg, xs]) => [leg, { p50_ms: Math.round(percentile(xs, 50)), p99_ms: Math.round(percentile(xs, 99)) }]),
  );
  return {
    density,
    escalations: ids.length,
    recorded,
    duplicated,
    p50_s: round(percentile(late, 50) / 1000, 3),
    p99_s: round(p99 / 1000, 3),
    max_s: round(Math.max(...late) / 1000, 3),
    met: (p99 <= P99_LIMIT_MS && recorded === ids.length && duplicated === 0 ? 'yes' : 'no') as 'yes' | 'no',
    breakdown,
  };
}

runMain(main);
