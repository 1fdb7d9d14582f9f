import { join } from 'node:path';
import { freePort } from '../infra/local-stack/net';
import { startAppProcess } from '@hazards/testing/stack/app-process';
import { loginDemoUser, runMain, seedDemo, startBenchStack } from '@hazards/testing/stack/bench-stack';
import { within } from '@hazards/testing/polling';
import { drillVerdict } from '@hazards/testing/report/drill-report';

/**
 * Drill: kill -9 PostgreSQL, and separately the Temporal server, while the API runs. The API must
 * report unhealthy and answer 503 quickly (never hang), and recover by itself within 30 s of the
 * service's return.
 */
async function timedFetch(url: string, init: RequestInit = {}): Promise<{ status: number; ms: number }> {
  const t0 = Date.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(15000) });
    await res.arrayBuffer();
    return { status: res.status, ms: Date.now() - t0 };
  } catch {
    return { status: 0, ms: Date.now() - t0 }; // 0 = hung (15 s) or refused
  }
}

async function waitForStatus(url: string, want: (s: number) => boolean, limitMs: number): Promise<number | null> {
  const t0 = Date.now();
  return (await within(limitMs, async () => want((await timedFetch(url)).status), 250)) ? Date.now() - t0 : null;
}

async function main(): Promise<void> {
  const stack = await startBenchStack({ temporalOnDisk: true });
  await seedDemo(stack.env.DATABASE_URL);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const api = await startAppProcess('api', { ...stack.env, PORT: String(port) }, join(stack.infra.o.dataDir, 'logs'));
  const token = await loginDemoUser(base, 'tongzhou');
  const rows: Record<string, string | number>[] = [];
  const problems: string[] = [];
  const outage = async (
    name: string,
    pid: number,
    restart: () => Promise<void>,
    probeAction: () => Promise<{ status: number; ms: number }>,
  ) => {
    process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
    const health = await timedFetch(`${base}/health`);
    const action = await probeAction();
    const t0 = Date.now();
    await restart();
    const restartedMs = Date.now() - t0;
    const recoveredMs = await waitForStatus(`${base}/health`, (s) => s === 200, 30000);
    rows.push({
      outage: name,
      health_status: health.status,
      health_ms: health.ms,
      request_status: action.status,
      request_ms: action.ms,
      service_restart_ms: restartedMs,
      recovered_after_ms: recoveredMs ?? 'not within 30 s',
    });
    if (health.status !== 503) problems.push(`${name}: /health answered ${health.status}, expected 503`);
    if (action.status !== 503) problems.push(`${name}: the request answered ${action.status} in ${action.ms} ms, expected 503`);
    if (recoveredMs === null) problems.push(`${name}: not healthy within 30 s of the restart`);
  };
  try {
    await outage(
      'postgres',
      stack.infra.postgres.postmasterPid()!,
      async () => {
        await stack.infra.postgres.process.stop(); // the runuser wrapper, once its postmaster is gone
        await stack.infra.postgres.start();
      },
      () => timedFetch(`${base}/hazards`, { headers: { authorization: `Bearer ${token}` } }),
    );
    await outage(
      'temporal',
      stack.infra.temporal.process.pid!,
      () => stack.infra.temporal.start(),
      () =>
        timedFetch(`${base}/hazards`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ enterpriseId: 'ent-jinsha-chem', source: '监督检查', description: '演练：Temporal 停机期间上报' }),
        }),
    );
    console.table(rows);
    drillVerdict('dependency-outage', { outages: rows.length, failures: problems.length, lost: 0, duplicated: 0 }, problems);
  } finally {
    await api.stop();
    await stack.stop();
  }
}

runMain(main);
