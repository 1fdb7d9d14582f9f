import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Infrastructure, toolPathsFromEnv, type TemporalBackend } from '../../../infra/local-stack/infrastructure';
import { freePort } from '../../../infra/local-stack/net';
import { runMigrations } from '@hazards/persistence/data-source-options';

export interface EphemeralStackOptions {
  /** Names the temporary folder, the database and its roles (`hazards_test`, `hazards_bench`). */
  purpose: 'test' | 'bench';
  /** Temporal keeps its data on disk (the dev server's SQLite file with the WAL pragmas, as `npm start` runs it); otherwise in memory. */
  temporalOnDisk?: boolean;
  temporalBackend?: TemporalBackend;
  temporalSplitServices?: boolean;
  /** PostgreSQL keeps a statement profile (testing/src/report/pg-statements.ts). */
  statementStats?: boolean;
}

/**
 * PostgreSQL, Redis and Temporal, each on a free port with its data in a fresh temporary folder
 * (a running `npm start`, its ports and its data folder, is never touched), migrated.
 */
export async function startEphemeralStack(o: EphemeralStackOptions) {
  const dataDir = mkdtempSync(join(tmpdir(), `hazards-${o.purpose}-`));
  chmodSync(dataDir, 0o755); // PostgreSQL runs as its own OS user and must enter it
  const name = `hazards_${o.purpose}`;
  const infra = new Infrastructure({
    dataDir,
    tools: toolPathsFromEnv(),
    ephemeral: !o.temporalOnDisk,
    temporalBackend: o.temporalBackend,
    temporalSplitServices: o.temporalSplitServices,
    postgresStatementStats: o.statementStats,
    database: { name, user: name, password: name },
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
  // The apps' files go in the same temporary folder: with the schema's defaults (data/…, relative
  // to the working directory) a test's worker would anchor this database's chain heads into the
  // project's own data folder, and the next `npm start` there would find its archive "tampered".
  const env = {
    ...infra.appEnvironment(),
    ARCHIVE_ANCHOR_FILE: join(dataDir, 'archive', 'anchor.jsonl'),
    EVIDENCE_DIR: join(dataDir, 'evidence'),
    IMPORT_DIR: join(dataDir, 'imports'),
  };
  await runMigrations(env.MIGRATION_DATABASE_URL);
  return {
    infra,
    dataDir,
    env,
    stop: async () => {
      await infra.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type EphemeralStack = Awaited<ReturnType<typeof startEphemeralStack>>;
