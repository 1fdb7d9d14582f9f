import { join } from 'node:path';
import { freePort } from '../infra/local-stack/net';
import { startAppProcess } from '../bench/support/app-process';
import { percentile, report, round } from '../bench/support/bench-report';
import { loginDemoUser, runMain, seedDemo, startBenchStack } from '../bench/support/bench-stack';

/**
 * Load drill: 50 virtual users for 10 minutes (DRILL_LOAD_SECONDS), mixing reads (lists, a
 * hazard, the work queue) and actions (report, grade), against the API, worker and notifier as
 * processes. Reports the error rate and p95/p99 latency. Targets: < 0.1% errors, p95 < 300 ms.
 * Each virtual user pauses between requests (DRILL_LOAD_THINK_MS, mean 1 s, as k6 scripts do with
 * sleep(1)): 50 people at their screens, not 50 loops firing back to back.
 */
const USERS = Number(process.env.DRILL_LOAD_USERS ?? 50);
const SECONDS = Number(process.env.DRILL_LOAD_SECONDS ?? 600);
const THINK_MS = Number(process.env.DRILL_LOAD_THINK_MS ?? 1000);
const think = () => new Promise((r) => setTimeout(r, THINK_MS * (0.5 + Math.random())));

async function main(): Promise<void> {
  const stack = await startBenchStack({ temporalOnDisk: true });
  await seedDemo(stack.env.DATABASE_URL);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { ...stack.env, PORT: String(port), RATE_LIMIT_PER_MINUTE: '1000000', LOG_LEVEL: 'info' };
  const logs = join(stack.infra.o.dataDir, 'logs');
  const apps = [await startAppProcess('worker', env, logs), await startAppProcess('notifier', env, logs).catch(() => null), await startAppProcess('api', env, logs)];
  const tokens = { ent: await loginDemoUser(base, 'ent-jinsha-chem'), town: await loginDemoUser(base, 'jinsha'), county: await loginDemoUser(base, 'tongzhou') };
  const latencies: number[] = [];
  const byRoute = new Map<string, number[]>();
  const route = (method: string, path: string) => `${method} ${path.split('?')[0].replace(/[0-9a-f-]{36}/, ':id')}${path.includes('overdue=true') ? ' (overdue)' : ''}`;
  const errors: Record<string, number> = {};
  let requests = 0;
  const countError = (method: string, path: string, what: string) => {
    const key = `${method} ${path.split('?')[0].replace(/[0-9a-f-]{36}/, ':id')} ${what}`;
    errors[key] = (errors[key] ?? 0) + 1;
  };
  const call = async (method: string, path: string, token: string, body?: unknown): Promise<any> => {
    const t0 = performance.now();
    requests++;
    try {
      const res = await fetch(base + path, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined, signal: AbortSignal.timeout(30000) });
      const json = await res.json().catch(() => null);
      const ms = performance.now() - t0;
      latencies.push(ms);
      const r = route(method, path);
      const times = byRoute.get(r);
      if (times) times.push(ms);
      else byRoute.set(r, [ms]);
      if (res.status >= 500 || res.status === 429) countError(method, path, String(res.status));
      return json;
    } catch (err) {
      latencies.push(performance.now() - t0);
      countError(method, path, (err as Error).name);
      return null;
    }
  };
  const until = Date.now() + SECONDS * 1000;
  const user = async (n: number) => {
    const mine: string[] = [];
    while (Date.now() < until) {
      await think();
      const r = Math.random();
      if (r < 0.15) {
        const created = await call('POST', '/hazards', tokens.ent, { enterpriseId: 'ent-jinsha-chem', source: '企业自查', description: `压测隐患 ${n}-${mine.length}` });
        if (created?.hazardId) mine.push(created.hazardId);
      } else if (r < 0.25 && mine.length) {
        const id = mine.shift()!;
        await call('POST', `/hazards/${id}/grade`, tokens.town, { grade: 'general', accidentType: '触电', industry: '危险化学品' });
      } else if (r < 0.55) {
        await call('GET', '/hazards?jurisdictionId=tongzhou&limit=20', tokens.county);
      } else if (r < 0.75) {
        await call('GET', '/hazards?overdue=true&sort=overdue&limit=20', tokens.town);
      } else if (r < 0.9 && mine.length) {
        await call('GET', `/hazards/${mine[mine.length - 1]}`, tokens.ent);
      } else {
        await call('GET', '/me/work-queue', tokens.county);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: USERS }, (_, i) => user(i)));
    const errorCount = Object.values(errors).reduce((a, b) => a + b, 0);
    const rate = errorCount / Math.max(1, requests);
    report('drill-load', [{
      users: USERS, seconds: SECONDS, think_ms: THINK_MS, requests, rps: round(requests / SECONDS, 1), errors: errorCount, error_rate_pct: round(rate * 100, 3),
      p50_ms: round(percentile(latencies, 50)), p95_ms: round(percentile(latencies, 95)), p99_ms: round(percentile(latencies, 99)),
    }], { errors, targets: { error_rate_pct: 0.1, p95_ms: 300 } });
    console.table([...byRoute].map(([r, t]) => ({ route: r, requests: t.length, p50_ms: round(percentile(t, 50)), p95_ms: round(percentile(t, 95)), p99_ms: round(percentile(t, 99)) })));
    if (rate >= 0.001) process.exitCode = 1;
    console.log(rate < 0.001 ? '✔ load: error rate below 0.1%' : `✖ load: error rate ${round(rate * 100, 3)}%`);
  } finally {
    for (const a of apps.reverse()) await a?.stop();
    await stack.stop();
  }
}

runMain(main);
