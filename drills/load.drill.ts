import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { freePort } from '../infra/local-stack/net';
import { startAppProcess } from '@hazards/testing/stack/app-process';
import { report } from '@hazards/testing/report/bench-report';
import { startCountingMailServer } from '@hazards/testing/receivers/counting-mail-server';
import { cpuPerUnit, stackCpu } from '@hazards/testing/report/process-usage';
import { loginDemoUser, runMain, seedDemo, startBenchStack } from '@hazards/testing/stack/bench-stack';
import { gradeBreakdown } from '@hazards/testing/load/grade-breakdown';
import { routeP95s, routePercentiles, runLoadStep, stepFigures } from '@hazards/testing/load/load-users';

/**
 * Load drill: a ramp of virtual users (DRILL_LOAD_STEPS, default 50,100,200,400), each step for
 * DRILL_LOAD_STEP_SECONDS (default 180), mixing reads (lists, a hazard, the work queue) and
 * actions (report, grade) against the API, worker and notifier as processes. Each user pauses
 * between requests (DRILL_LOAD_THINK_MS, mean 1 s, as k6 scripts do with sleep(1)): people at
 * their screens, not loops firing back to back. Reports each step's error rate and latency, each
 * route's p95 per step, and the most users served with p95 ≤ 300 ms and under 0.1% errors. The
 * ramp stops after the first step that misses (DRILL_LOAD_FULL_RAMP=1 runs every step).
 * DRILL_LOAD_USERS=N with DRILL_LOAD_SECONDS runs one step of N users, as before.
 */
const STEPS = process.env.DRILL_LOAD_USERS
  ? [Number(process.env.DRILL_LOAD_USERS)]
  : (process.env.DRILL_LOAD_STEPS ?? '50,100,200,400').split(',').map(Number);
const STEP_SECONDS = Number(
  process.env.DRILL_LOAD_USERS ? (process.env.DRILL_LOAD_SECONDS ?? 600) : (process.env.DRILL_LOAD_STEP_SECONDS ?? 180),
);
const THINK_MS = Number(process.env.DRILL_LOAD_THINK_MS ?? 1000);
const FULL_RAMP = process.env.DRILL_LOAD_FULL_RAMP === '1';

async function main(): Promise<void> {
  if (STEPS.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`DRILL_LOAD_STEPS: whole numbers of users, e.g. 50,100,200,400 (got ${STEPS.join(',')})`);
  const stack = await startBenchStack({ temporalOnDisk: true });
  await seedDemo(stack.env.DATABASE_URL);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { ...stack.env, PORT: String(port), RATE_LIMIT_PER_MINUTE: '1000000', LOG_LEVEL: 'info' };
  const logs = join(stack.infra.o.dataDir, 'logs');
  // The mail server is outside the stack: the users' notices are accepted and counted, sent once, not retried.
  const { mail, notifierEnv } = await startCountingMailServer(env);
  const apps = [
    await startAppProcess('worker', env, logs),
    await startAppProcess('notifier', notifierEnv, logs).catch(() => null),
    await startAppProcess('api', env, logs),
  ];
  const temporal = new Client({ connection: await Connection.connect({ address: stack.env.TEMPORAL_ADDRESS }) });
  const tokens = {
    ent: await loginDemoUser(base, 'ent-jinsha-chem'),
    town: await loginDemoUser(base, 'jinsha'),
    county: await loginDemoUser(base, 'tongzhou'),
  };
  try {
    const steps: ReturnType<typeof stepFigures>[] = [];
    const routes: Record<string, Record<string, number>> = {};
    const routesP50: Record<string, Record<string, number>> = {};
    const errors: Record<string, Record<string, number>> = {};
    // What a request costs the machine's processors, by part of the stack (the load generator is 'bench').
    const cpu: Record<string, Record<string, number>> = {};
    const gradeParts: Record<string, Record<string, Record<string, number>>> = {};
    for (const users of STEPS) {
      console.log(`step: ${users} users for ${STEP_SECONDS} s ...`);
      const cpuBefore = stackCpu();
      const r = await runLoadStep({ baseUrl: base, tokens, users, seconds: STEP_SECONDS, thinkMs: THINK_MS, tag: `u${users}` });
      cpu[`${users} users`] = cpuPerUnit(cpuBefore, stackCpu(), Math.max(1, r.requests));
      const f = stepFigures(r);
      steps.push(f);
      console.table([f]);
      // Where grading's time went, from the histories of the step's grades (the route the goal is furthest from).
      const parts = await gradeBreakdown(temporal, r.gradeMs);
      gradeParts[`${users} users`] = parts;
      console.log(`grading by part (ms), ${users} users:`);
      console.table(parts);
      for (const [route, p95] of Object.entries(routeP95s(r))) (routes[route] ??= {})[`${users} users`] = p95;
      for (const [route, p50] of Object.entries(routePercentiles(r, 50))) (routesP50[route] ??= {})[`${users} users`] = p50;
      errors[`${users} users`] = r.errors;
      if (f.met === 'no' && !FULL_RAMP) break;
    }
    const served = steps.filter((s) => s.met === 'yes').reduce((m, s) => Math.max(m, s.users), 0);
    report('drill-load', steps, {
      think_ms: THINK_MS,
      step_seconds: STEP_SECONDS,
      most_users_served: served,
      route_p95_ms: routes,
      route_p50_ms: routesP50,
      errors,
      cpu_ms_per_request: cpu,
      grade_parts_ms: gradeParts,
      targets: { error_rate_pct: 0.1, p95_ms: 300 },
    });
    console.log('p50 per route (ms) at each step:');
    console.table(routesP50);
    console.log('p95 per route (ms) at each step:');
    console.table(routes);
    console.log('processor ms per request, by part of the stack, at each step:');
    console.table(cpu);
    console.log(
      served > 0
        ? `✔ load: ${served} users served with p95 ≤ 300 ms and errors < 0.1%`
        : '✖ load: no step met p95 ≤ 300 ms with errors < 0.1%',
    );
    // The drill fails on errors at the first step only: latency past it is a finding to report, not a fault.
    if (steps[0].error_rate_pct >= 0.1) process.exitCode = 1;
  } finally {
    await temporal.connection.close();
    for (const a of apps.reverse()) await a?.stop();
    await mail.stop();
    await stack.stop();
  }
}

runMain(main);
