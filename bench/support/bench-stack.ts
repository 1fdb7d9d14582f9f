import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Infrastructure, toolPathsFromEnv } from '../../infra/local-stack/infrastructure';
import { freePort } from '../../infra/local-stack/net';
import { runMigrations } from '../../libs/persistence/src/data-source-options';

/**
 * Services for one benchmark, on free ports in a temporary folder. Unlike the test stack,
 * Temporal keeps its SQLite file with the WAL pragmas, as `npm start` runs it.
 */
export async function startBenchStack(opts: { temporalOnDisk?: boolean } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'hazards-bench-'));
  chmodSync(dataDir, 0o755);
  const infra = new Infrastructure({
    dataDir,
    tools: toolPathsFromEnv(),
    ephemeral: !opts.temporalOnDisk,
    database: { name: 'hazards_bench', user: 'hazards_bench', password: 'hazards_bench' },
    ports: { postgres: await freePort(), redis: await freePort(), temporal: await freePort(), temporalUi: null, temporalHttp: await freePort(), temporalMetrics: await freePort() },
  });
  process.on('exit', () => infra.killNow());
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
