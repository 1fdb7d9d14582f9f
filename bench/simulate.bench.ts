import { loadavg } from 'node:os';
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { runSimulation, simulationLayout } from '@hazards/simulation/simulation-engine';
import { buildSimulationReport } from '@hazards/simulation/simulation-report';
import { serverStartingAt } from '@hazards/simulation/time-skipping-server';
import { SHORTER_DEADLINES, syntheticYear } from '@hazards/testing/fixtures/recorded-hazards';
import { inBatches, inPool } from '@hazards/testing/pool';
import { report, round, timed } from '@hazards/testing/report/bench-report';
import { commandLine, cpuSeconds, descendants, stackPart } from '@hazards/testing/report/process-usage';
import { runMain } from '@hazards/testing/stack/bench-stack';
import { timerOnlyWorkflow } from './workflows/timer-only.workflow';

/**
 * 政策推演 benchmark: a synthetic year of BENCH_HAZARDS (10,000) hazards replayed under a proposed
 * policy (county deadline 60 working days, extensions capped at 30) on the time-skipping server.
 * Baseline, in the same run on the same machine: the server's raw rate, BENCH_RAW plain workflow
 * starts that each wait one timer, skipped past in one go. Goal: the year within 10 minutes.
 */
const HAZARDS = Number(process.env.BENCH_HAZARDS ?? 10_000);
const RAW = Number(process.env.BENCH_RAW ?? 2_000);
const RESOLUTION = Number(process.env.BENCH_RESOLUTION_MINUTES ?? 60);
/**
 * One run per value, in the same process after the one raw baseline: BENCH_SHARDS=4,25 compares
 * them. Default: the engine's (SIMULATION_SHARDS, else one server per SIMULATION_HAZARDS_PER_SHARD hazards).
 */
const SHARD_COUNTS: (number | undefined)[] = process.env.BENCH_SHARDS ? process.env.BENCH_SHARDS.split(',').map(Number) : [undefined];
/** Child processes the shards are spread over (default: the engine's, one per core). */
const PROCESSES = process.env.BENCH_PROCESSES ? Number(process.env.BENCH_PROCESSES) : undefined;
/** Shards one child replays at once (default: the engine's, SIMULATION_SHARDS_AT_ONCE). */
const AT_ONCE = process.env.BENCH_SHARDS_AT_ONCE ? Number(process.env.BENCH_SHARDS_AT_ONCE) : undefined;
const FROM = '2026-01-01T00:00:00+08:00';
const TO = '2027-01-01T00:00:00+08:00';

/** Workflows a second the bare server manages: starts, one timer each, one skip. */
async function rawRate(n: number): Promise<{ seconds: number; perSecond: number }> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: serverStartingAt(FROM) } },
  });
  try {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'raw',
      workflowBundle: await bundleWorkflowCode({
        workflowsPath: require.resolve('./workflows/timer-only.workflow'),
        logger: new DefaultLogger('WARN'),
      }),
    });
    return await worker.runUntil(async () => {
      const [, ms] = await timed(async () => {
        const handles = await inPool(n, 64, (i) =>
          env.client.workflow.start(timerOnlyWorkflow, { taskQueue: 'raw', workflowId: `raw-${i}` }),
        );
        await env.sleep('2 days');
        // A plain client: the time-skipping one unlocks skipping on every result() and concurrent unlocks fail.
        const plain = new Client({ connection: env.connection, namespace: env.namespace });
        await inBatches(handles, 64, (h) => plain.workflow.getHandle(h.workflowId).result());
      });
      return { seconds: ms / 1000, perSecond: n / (ms / 1000) };
    });
  } finally {
    await env.teardown();
  }
}

/**
 * Processor seconds (user + system) of the time-skipping servers this process started, directly or
 * through the simulation's child processes, read from /proc while they run (an ended server's last
 * sample stands).
 */
function watchServerCpu(): { stop: () => number } {
  const seen = new Map<number, number>();
  const sample = () => {
    for (const pid of descendants()) {
      if (stackPart(commandLine(pid) ?? '') !== 'temporal server') continue;
      const s = cpuSeconds(pid);
      if (s !== null) seen.set(pid, s);
    }
  };
  const timer = setInterval(sample, 500);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return [...seen.values()].reduce((a, b) => a + b, 0);
    },
  };
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const hazards = syntheticYear(HAZARDS);
  const events = hazards.reduce((n, h) => n + 1 + h.actions.length, 0);
  const raw = await rawRate(RAW);
  console.log(`raw: ${RAW} timer workflows in ${round(raw.seconds)} s = ${round(raw.perSecond)}/s`);
  for (const shards of SHARD_COUNTS) await simulateWith(shards, hazards, events, raw.perSecond);
}

async function simulateWith(
  requestedShards: number | undefined,
  hazards: ReturnType<typeof syntheticYear>,
  events: number,
  rawPerSecond: number,
): Promise<void> {
  const { shards, processes, atOnce } = simulationLayout(HAZARDS, { shards: requestedShards, processes: PROCESSES, shardsAtOnce: AT_ONCE });
  let lastPrint = 0;
  // Processor time, the replay's (this process and its children) and the servers': on shared cores the year is bound by it.
  const servers = watchServerCpu();
  const cpu0 = process.cpuUsage();
  const [out, ms] = await timed(() =>
    runSimulation({
      policy: SHORTER_DEADLINES,
      hazards,
      from: new Date(FROM).toISOString(),
      to: new Date(TO).toISOString(),
      resolutionMinutes: RESOLUTION,
      shards,
      processes,
      shardsAtOnce: atOnce,
      sdkMetrics: true,
      onProgress: (p) => {
        if (Date.now() - lastPrint < 10_000 && p.phase === 'replaying') return;
        lastPrint = Date.now();
        console.log(`  ${p.phase} ${p.done}/${p.total} actions`);
      },
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  const ownCpuSeconds = (cpu.user + cpu.system) / 1e6;
  const childCpuSeconds = out.profile.processMs / 1000;
  const nodeCpuSeconds = ownCpuSeconds + childCpuSeconds;
  const serverCpuSeconds = servers.stop();
  const { workflowTasks, workflowTasksFromHistory, activities, updates, skips } = out.profile;
  const perHazard = (n: number) => round(n / HAZARDS, 2);
  const cpuPerHazard = (nodeCpuSeconds + serverCpuSeconds) / HAZARDS;
  const seconds = ms / 1000;
  const [r, reportMs] = await timed(async () =>
    buildSimulationReport({
      jurisdiction: 'nantong',
      from: new Date(FROM).toISOString(),
      to: new Date(TO).toISOString(),
      policyVersion: SHORTER_DEADLINES.version,
      resolutionMinutes: RESOLUTION,
      hazards,
      simulated: out.simulated,
      skipped: out.skipped,
    }),
  );
  const perSecond = HAZARDS / seconds;
  const yearMinutes = (seconds * (10_000 / HAZARDS)) / 60;
  report(
    SHARD_COUNTS.length > 1 ? `simulate-${shards}-servers` : 'simulate',
    [
      { measure: 'hazards simulated', value: HAZARDS },
      { measure: 'actions replayed (reports included)', value: events },
      { measure: 'time resolution (minutes)', value: RESOLUTION },
      { measure: 'time-skipping servers (hazards split between them by enterprise)', value: shards },
      { measure: 'child processes replaying them', value: processes },
      { measure: 'servers a child process replays at once', value: Math.min(atOnce, Math.ceil(shards / processes)) },
      { measure: 'simulation wall time (s)', value: round(seconds) },
      { measure: 'hazards / s (simulation)', value: round(perSecond) },
      { measure: 'raw server: timer workflows / s (baseline)', value: round(rawPerSecond) },
      { measure: 'simulation rate / raw rate', value: round(perSecond / rawPerSecond, 3) },
      { measure: `10,000-hazard year (min)${HAZARDS === 10_000 ? '' : ', extrapolated linearly'}`, value: round(yearMinutes) },
      { measure: 'proposed overdue / actual overdue', value: `${r.proposed.overdue.count} / ${r.actual.overdue.count}` },
      { measure: 'actions skipped (refused by the proposed policy)', value: out.skipped.length },
      // Where the time went, summed over the servers (side by side, so the sum exceeds the wall time).
      { measure: 'profile: server, worker, bundle up (s, all servers)', value: round(out.profile.startMs / 1000) },
      { measure: 'profile: clock skips, timers fired on the way (s, all servers)', value: round(out.profile.skipMs / 1000) },
      { measure: 'profile: recorded actions as updates (s, all servers)', value: round(out.profile.updateMs / 1000) },
      { measure: 'profile: rest of the period after the last action (s, all servers)', value: round(out.profile.finishMs / 1000) },
      { measure: 'profile: clock skips / steps recorded', value: `${out.profile.skips} / ${out.profile.steps}` },
      { measure: 'report built from the results (s)', value: round(reportMs / 1000, 2) },
      {
        measure: 'workflow tasks / of them replayed from history (sticky-cache misses)',
        value: `${workflowTasks} / ${workflowTasksFromHistory}`,
      },
      {
        measure: 'per hazard: workflow tasks, activity tasks, updates, clock skips',
        value: `${perHazard(workflowTasks)}, ${perHazard(activities)}, ${perHazard(updates)}, ${perHazard(skips)}`,
      },
      {
        measure: 'processor: worker and client (s, child processes + this one)',
        value: `${round(nodeCpuSeconds)} (${round(childCpuSeconds)} + ${round(ownCpuSeconds)})`,
      },
      { measure: 'processor: time-skipping servers (s, all servers)', value: round(serverCpuSeconds) },
      { measure: 'processor per hazard (ms, both)', value: round(cpuPerHazard * 1000, 1) },
      {
        measure: '10,000-hazard year on 2 idle cores at this processor cost (min, lower bound)',
        value: round((cpuPerHazard * 10_000) / 2 / 60),
      },
      { measure: 'load average (1 min) at the end', value: round(loadavg()[0], 1) },
    ],
    { goalMinutes: 10, metGoal: yearMinutes <= 10 },
  );
}

runMain(main);
