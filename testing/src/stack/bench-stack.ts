import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { freePort } from '../../../infra/local-stack/net';
import { temporalBackendFromEnv, temporalSplitFromEnv, type TemporalBackend } from '../../../infra/local-stack/infrastructure';
import { dataSourceOptions } from '@hazards/persistence/data-source-options';
import { DEMO_PASSWORD } from '@hazards/persistence/seed/demo-data';
import { seedDemoIfEmpty } from '@hazards/persistence/seed/demo-seed';
import { startAppProcess } from './app-process';
import { startEphemeralStack } from './ephemeral-stack';

/** The Temporal under test: TEMPORAL_BACKEND=postgres runs benchmarks against the server on PostgreSQL. */
export const temporalBackend = (): TemporalBackend => temporalBackendFromEnv();

/** A result's name, marked when it was measured on the server on PostgreSQL. */
export const benchName = (name: string) => (temporalBackend() === 'postgres' ? `${name}-temporal-pg` : name);

/**
 * Services for one benchmark or drill (see startEphemeralStack). Unlike the test stack, Temporal
 * may keep its data on disk, and TEMPORAL_BACKEND / TEMPORAL_TOPOLOGY choose the server.
 */
export async function startBenchStack(opts: { temporalOnDisk?: boolean } = {}) {
  // Interrupted (Ctrl-C, kill): exit, so that the exit hooks leave no PostgreSQL, Redis or Temporal behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  return startEphemeralStack({
    purpose: 'bench',
    temporalOnDisk: opts.temporalOnDisk,
    temporalBackend: temporalBackend(),
    temporalSplitServices: temporalSplitFromEnv(),
    statementStats: process.env.BENCH_PG_STATEMENTS === '1',
  });
}

/**
 * What the API-driven benchmarks run on: a bench stack (Temporal on disk unless
 * BENCH_TEMPORAL_IN_MEMORY=1) with the Nantong demo seeded, the worker and the API as processes
 * (no rate limit), a database connection of `poolSize` and a Temporal client. `stop()` ends it all.
 */
export async function startBenchApps(o: { poolSize: number; apiDatabasePoolSize: number }) {
  const stack = await startBenchStack({ temporalOnDisk: process.env.BENCH_TEMPORAL_IN_MEMORY !== '1' });
  const ds = await new DataSource(dataSourceOptions(stack.env.DATABASE_URL, o.poolSize)).initialize();
  await seedDemoIfEmpty(ds);
  const port = await freePort();
  const env = {
    ...stack.env,
    PORT: String(port),
    RATE_LIMIT_PER_MINUTE: '10000000',
    DATABASE_POOL_SIZE: String(o.apiDatabasePoolSize),
    TEMPORAL_MAX_CACHED_WORKFLOWS: process.env.TEMPORAL_MAX_CACHED_WORKFLOWS ?? '250',
  };
  const logs = join(stack.infra.o.dataDir, 'logs');
  const worker = await startAppProcess('worker', env, logs);
  const api = await startAppProcess('api', env, logs);
  const connection = await Connection.connect({ address: stack.env.TEMPORAL_ADDRESS });
  return {
    stack,
    ds,
    env,
    worker,
    base: `http://127.0.0.1:${port}`,
    client: new Client({ connection }),
    async stop(): Promise<void> {
      await connection.close();
      await api.stop();
      await worker.stop();
      await ds.destroy();
      await stack.stop();
    },
  };
}

/** The Nantong demo (reference data and users, password DEMO_PASSWORD) in a bench stack's database. */
export async function seedDemo(databaseUrl: string): Promise<void> {
  const ds = await new DataSource(dataSourceOptions(databaseUrl, 1)).initialize();
  try {
    await seedDemoIfEmpty(ds);
  } finally {
    await ds.destroy();
  }
}

/** A bearer token for a demo user, through the API's own login. */
export async function loginDemoUser(baseUrl: string, username: string): Promise<string> {
  const res = await fetch(`${baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** Runs a benchmark's or drill's main, exiting non-zero on an error. */
export function runMain(main: () => Promise<void>): void {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
