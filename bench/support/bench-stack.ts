import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Infrastructure, temporalBackendFromEnv, temporalSplitFromEnv, toolPathsFromEnv, type TemporalBackend } from '../../infra/local-stack/infrastructure';
import { freePort } from '../../infra/local-stack/net';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '../../libs/persistence/src/data-source-options';
import { DEMO_PASSWORD } from '../../libs/persistence/src/seed/demo-data';
import { seedDemoIfEmpty } from '../../libs/persistence/src/seed/demo-seed';

/** The Temporal under test: TEMPORAL_BACKEND=postgres runs benchmarks against the server on PostgreSQL. */
export const temporalBackend = (): TemporalBackend => temporalBackendFromEnv();

/** A result's name, marked when it was measured on the server on PostgreSQL. */
export const benchName = (name: string) => (temporalBackend() === 'postgres' ? `${name}-temporal-pg` : name);

/**
 * Services for one benchmark, on free ports in a temporary folder. Unlike the test stack,
 * Temporal keeps its data on disk (the dev server's SQLite file with the WAL pragmas, as
 * `npm start` runs it, or the server on PostgreSQL with TEMPORAL_BACKEND=postgres).
 */
export async function startBenchStack(opts: { temporalOnDisk?: boolean } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'hazards-bench-'));
  chmodSync(dataDir, 0o755);
  const infra = new Infrastructure({
    dataDir,
    tools: toolPathsFromEnv(),
    ephemeral: !opts.temporalOnDisk,
    temporalBackend: temporalBackend(),
    temporalSplitServices: temporalSplitFromEnv(),
    database: { name: 'hazards_bench', user: 'hazards_bench', password: 'hazards_bench' },
    ports: { postgres: await freePort(), redis: await freePort(), temporal: await freePort(), temporalUi: null, temporalHttp: await freePort(), temporalMetrics: await freePort() },
  });
  process.on('exit', () => infra.killNow());
  // Interrupted (Ctrl-C, kill): leave no PostgreSQL, Redis or Temporal behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  await infra.start();
  const env = infra.appEnvironment();
  await runMigrations(env.MIGRATION_DATABASE_URL);
  return {
    infra,
    env,
    stop: async () => {
      await infra.stop();
      rmSync(dataDir, { recursive: true, force: true });
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
  const res = await fetch(`${baseUrl}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
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
