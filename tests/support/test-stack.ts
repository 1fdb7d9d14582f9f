import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Infrastructure, toolPathsFromEnv } from '../../infra/local-stack/infrastructure';
import { ManagedProcess, waitUntil } from '../../infra/local-stack/managed-process';
import { freePort } from '../../infra/local-stack/net';
import { runMigrations } from '../../libs/persistence/src/data-source-options';

/**
 * The services integration tests need, each on a free port with its data in a fresh temporary
 * folder: a running `npm start` (its ports, its data folder) is never touched.
 */
export async function startTestStack(): Promise<{ infra: Infrastructure; dataDir: string; importer: ManagedProcess; env: Record<string, string> }> {
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
  const importer = await startImporter(env, join(dataDir, 'logs'));
  return { infra, dataDir, importer, env: { ...env, POSTGRES_SUPERUSER_SOCKET: infra.postgres.socketDir } };
}

/**
 * The importer as a real process (from dist/, which npm test builds first), as the local stack
 * runs it: API tests queue imports and this process runs them, each in a child with a heap limit.
 */
export async function startImporter(env: Record<string, string>, logDir: string, extra: Record<string, string> = {}): Promise<ManagedProcess> {
  const p = new ManagedProcess({
    name: 'importer',
    command: process.execPath,
    args: ['--enable-source-maps', join(__dirname, '..', '..', 'dist', 'apps', 'importer', 'src', 'main.js')],
    env: { ...env, NODE_ENV: 'test', APP_NAME: 'importer', LOG_LEVEL: 'info', ...extra },
    logFile: join(logDir, `importer${extra.QUEUE_PREFIX ? `-${extra.QUEUE_PREFIX}` : ''}.log`),
  });
  let ready = false;
  p.onLine = (line) => { if (line.includes('importer ready')) ready = true; };
  process.on('exit', () => p.killNow());
  p.start();
  await waitUntil('importer', async () => ready, { timeoutMs: 60000, process: p });
  return p;
}

export async function stopTestStack(infra: Infrastructure, dataDir: string, importer?: ManagedProcess): Promise<void> {
  await importer?.stop(5000);
  await infra.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
