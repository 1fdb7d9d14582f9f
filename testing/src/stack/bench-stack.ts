import { DataSource } from 'typeorm';
import { temporalBackendFromEnv, temporalSplitFromEnv, type TemporalBackend } from '../../../infra/local-stack/infrastructure';
import { dataSourceOptions } from '@hazards/persistence/data-source-options';
import { DEMO_PASSWORD } from '@hazards/persistence/seed/demo-data';
import { seedDemoIfEmpty } from '@hazards/persistence/seed/demo-seed';
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
  });
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
