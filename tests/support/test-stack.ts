import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Infrastructure, toolPathsFromEnv } from '../../infra/local-stack/infrastructure';
import { freePort } from '../../infra/local-stack/net';
import { runMigrations } from '../../libs/persistence/src/data-source-options';

/**
 * The services integration tests need, each on a free port with its data in a fresh temporary
 * folder: a running `npm start` (its ports, its data folder) is never touched.
 */
export async function startTestStack(): Promise<{ infra: Infrastructure; dataDir: string; env: Record<string, string> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hazards-test-'));
  chmodSync(dataDir, 0o755); // PostgreSQL runs as its own OS user and must enter it
  const infra = new Infrastructure({
    dataDir,
    tools: toolPathsFromEnv(),
    ephemeral: true,
    database: { name: 'hazards_test', user: 'hazards_test', password: 'hazards_test' },
    ports: {
      postgres: await freePort(),
      redis: await freePort(),
      temporal: await freePort(),
      temporalUi: null,
      temporalHttp: await freePort(),
      temporalMetrics: await freePort(),
    },
  });
  process.on('exit', () => infra.killNow());
  await infra.start();
  const env = infra.appEnvironment();
  await runMigrations(env.MIGRATION_DATABASE_URL);
  return { infra, dataDir, env: { ...env, POSTGRES_SUPERUSER_SOCKET: infra.postgres.socketDir } };
}

export async function stopTestStack(infra: Infrastructure, dataDir: string): Promise<void> {
  await infra.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
