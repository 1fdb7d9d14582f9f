import { randomUUID } from 'node:crypto';
import { rssMb } from '@hazards/testing/report/process-usage';
import { median, report, round } from '@hazards/testing/report/bench-report';
import { poolRate } from '@hazards/testing/pool';
import { within } from '@hazards/testing/polling';
import { benchName, loginDemoUser, runMain, startBenchApps, temporalBackend } from '@hazards/testing/stack/bench-stack';

/**
 * Benchmark 1: registering hazards through the API (a database row plus a workflow start each),
 * against raw `client.workflow.start` of an empty workflow on the same Temporal server, in
 * alternating batches so both see the same machine. Reports the median rate of each and the ratio.
 */
const TOTAL = Number(process.env.BENCH_HAZARDS ?? 10_000);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);

async function main(): Promise<void> {
  // A registration holds its connection across the workflow start (row and start commit together),
  // so the API's pool is sized to the requests in flight, as the raw baseline has 50 starts in flight.
  const apps = await startBenchApps({ poolSize: 2, apiDatabasePoolSize: CONCURRENCY });
  const { ds, env, worker, base, client } = apps;
  const rssIdle = rssMb(worker.pid);
  const token = await loginDemoUser(base, 'ent-jinsha-chem');
  const perBatch = Math.ceil(TOTAL / BATCHES);
  const ours: number[] = [];
  const raw: number[] = [];
  let failures = 0;
  try {
    for (let b = 0; b < BATCHES; b++) {
      raw.push(
        await poolRate(perBatch, CONCURRENCY, async () => {
          await client.workflow.start('emptyWorkflow', { workflowId: `empty-${randomUUID()}`, taskQueue: 'bench-empty', args: [] });
        }),
      );
      ours.push(
        await poolRate(perBatch, CONCURRENCY, async (i) => {
          const res = await fetch(`${base}/hazards`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ enterpriseId: 'ent-jinsha-chem', source: '企业自查', description: `基准测试隐患 ${b}-${i}` }),
          });
          if (res.status !== 201) failures++;
          await res.arrayBuffer();
        }),
      );
      console.log(`batch ${b + 1}/${BATCHES}: raw ${round(raw[b], 1)}/s, API ${round(ours[b], 1)}/s`);
    }
    const rows: { count: string }[] = await ds.query(`select count(*)::text as count from hazards where description like '基准测试隐患%'`);
    // Benchmark 5 rides on this one: the worker's memory once every registered hazard is an open
    // workflow it has run (its first step recorded), against its memory before any load.
    await within(
      600_000,
      async () => {
        const done: { n: string }[] = await ds.query(`select count(*)::text as n from hazard_history where step = 'reported'`);
        return Number(done[0].n) >= Number(rows[0].count);
      },
      1000,
    );
    const rssLoaded = rssMb(worker.pid);
    const ratio = median(ours) / median(raw);
    report(benchName('intake'), [
      { variant: 'raw workflow.start (empty workflow)', starts: perBatch * BATCHES, median_per_s: round(median(raw), 1) },
      { variant: 'API report (row + workflow start)', starts: perBatch * BATCHES, median_per_s: round(median(ours), 1) },
      { variant: 'ratio API/raw', starts: 0, median_per_s: round(ratio, 2) },
    ]);
    report(
      benchName('worker-memory'),
      [
        { state: 'idle, before any hazard', rss_mb: rssIdle },
        { state: `${rows[0].count} open hazards run`, rss_mb: rssLoaded },
      ],
      { maxCachedWorkflows: env.TEMPORAL_MAX_CACHED_WORKFLOWS, target_mb: 512, met: rssLoaded <= 512 },
    );
    report(benchName('intake-summary'), [], {
      batches: BATCHES,
      concurrency: CONCURRENCY,
      failures,
      rowsRegistered: Number(rows[0].count),
      temporal: temporalBackend(),
      temporalOnDisk: process.env.BENCH_TEMPORAL_IN_MEMORY !== '1',
      target: 0.5,
      met: ratio >= 0.5 && failures === 0,
    });
  } finally {
    await apps.stop();
  }
}

runMain(main);
