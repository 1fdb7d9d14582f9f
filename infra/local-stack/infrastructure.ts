import { join } from 'node:path';
import type { ManagedProcess } from './managed-process';
import { PostgresServer } from './postgres-server';
import { RedisServer } from './redis-server';
import { TemporalDevServer } from './temporal-dev-server';
import { TemporalPostgresServer, type TemporalServerTools } from './temporal-postgres-server';

/** Where the binaries are; infra/bin/ensure-tools.sh finds or installs them and exports these. */
export interface ToolPaths {
  temporalCli: string;
  redisServer: string;
  pgBinDir: string;
}

export function toolPathsFromEnv(): ToolPaths {
  const need = (name: string) => {
    const v = process.env[name];
    if (!v) throw new Error(`${name} is not set: run through 'npm start' / 'npm test', which install the tools and set it`);
    return v;
  };
  return { temporalCli: need('TEMPORAL_CLI'), redisServer: need('REDIS_SERVER_BIN'), pgBinDir: need('PG_BIN_DIR') };
}

/** Which Temporal to run: the CLI's dev server on SQLite (default) or the server on PostgreSQL. */
export type TemporalBackend = 'dev' | 'postgres';

/** TEMPORAL_TOPOLOGY=split: with TEMPORAL_BACKEND=postgres, the four Temporal services as four processes. */
export function temporalSplitFromEnv(): boolean {
  const v = process.env.TEMPORAL_TOPOLOGY ?? 'single';
  if (v !== 'single' && v !== 'split') throw new Error(`TEMPORAL_TOPOLOGY must be "single" or "split" (got "${v}")`);
  return v === 'split';
}

export function temporalBackendFromEnv(): TemporalBackend {
  const v = process.env.TEMPORAL_BACKEND ?? 'dev';
  if (v !== 'dev' && v !== 'postgres') throw new Error(`TEMPORAL_BACKEND must be "dev" or "postgres" (got "${v}")`);
  return v;
}

/** The server build, set by infra/bin/ensure-tools.sh when TEMPORAL_BACKEND=postgres. */
export function temporalServerToolsFromEnv(cli: string): TemporalServerTools {
  const need = (name: string) => {
    const v = process.env[name];
    if (!v)
      throw new Error(
        `${name} is not set: run with TEMPORAL_BACKEND=postgres through 'npm start' / 'npm run bench', which build the server and set it`,
      );
    return v;
  };
  return { server: need('TEMPORAL_SERVER_BIN'), sqlTool: need('TEMPORAL_SQL_TOOL'), schemaDir: need('TEMPORAL_SCHEMA_DIR'), cli };
}

export interface InfrastructurePorts {
  postgres: number;
  redis: number;
  temporal: number;
  temporalUi: number | null;
  temporalHttp: number;
  temporalMetrics: number;
}

export interface InfrastructureOptions {
  dataDir: string;
  ports: InfrastructurePorts;
  tools: ToolPaths;
  /** Tests: Temporal in memory, PostgreSQL without fsync. The local stack keeps everything on disk. */
  ephemeral?: boolean;
  database?: { name: string; user: string; password: string };
  /** Default 'dev'. 'postgres' needs the server build (TEMPORAL_SERVER_BIN ...) and ignores `ephemeral` for Temporal. */
  temporalBackend?: TemporalBackend;
  /** With the 'postgres' backend: frontend, history, matching and worker as separate processes. */
  temporalSplitServices?: boolean;
  /** PostgreSQL keeps a statement profile (pg_stat_statements), for benchmarks. */
  postgresStatementStats?: boolean;
}

/** PostgreSQL, Redis and Temporal (dev server, or the server on PostgreSQL), each with its data under one folder. */
export class Infrastructure {
  readonly postgres: PostgresServer;
  readonly redis: RedisServer;
  readonly temporal: TemporalDevServer | TemporalPostgresServer;

  constructor(readonly o: InfrastructureOptions) {
    const logs = join(o.dataDir, 'logs');
    const db = o.database ?? { name: 'hazards', user: 'hazards', password: 'hazards' };
    this.postgres = new PostgresServer({
      binDir: o.tools.pgBinDir,
      dataDir: join(o.dataDir, 'postgres'),
      port: o.ports.postgres,
      database: db.name,
      user: db.user,
      password: db.password,
      fast: o.ephemeral,
      statementStats: o.postgresStatementStats,
      logFile: join(logs, 'postgres.log'),
    });
    this.redis = new RedisServer({
      bin: o.tools.redisServer,
      dataDir: join(o.dataDir, 'redis'),
      port: o.ports.redis,
      logFile: join(logs, 'redis.log'),
    });
    this.temporal =
      o.temporalBackend === 'postgres'
        ? new TemporalPostgresServer({
            tools: temporalServerToolsFromEnv(o.tools.temporalCli),
            postgres: this.postgres,
            dataDir: join(o.dataDir, 'temporal-postgres'),
            port: o.ports.temporal,
            httpPort: o.ports.temporalHttp,
            metricsPort: o.ports.temporalMetrics,
            logFile: join(logs, 'temporal.log'),
            splitServices: o.temporalSplitServices,
          })
        : new TemporalDevServer({
            cli: o.tools.temporalCli,
            dataDir: join(o.dataDir, 'temporal'),
            port: o.ports.temporal,
            uiPort: o.ports.temporalUi,
            httpPort: o.ports.temporalHttp,
            metricsPort: o.ports.temporalMetrics,
            logFile: join(logs, 'temporal.log'),
            inMemory: o.ephemeral,
          });
  }

  /** The three start in parallel, except that Temporal on PostgreSQL waits for PostgreSQL. */
  async start(): Promise<void> {
    const pg = this.postgres.start();
    const temporal = this.temporal instanceof TemporalPostgresServer ? pg.then(() => this.temporal.start()) : this.temporal.start();
    const results = await Promise.allSettled([pg, this.redis.start(), temporal]);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length) {
      await this.stop();
      throw new Error(failed.map((f) => (f.reason instanceof Error ? f.reason.message : String(f.reason))).join('; '));
    }
  }

  /** Reverse order of dependence: Temporal first (it may hold client connections), the stores last. */
  async stop(): Promise<void> {
    await this.temporal.stop().catch(() => undefined);
    await Promise.all([this.redis.stop().catch(() => undefined), this.postgres.stop().catch(() => undefined)]);
  }

  /** Temporal's processes: one, or one per service when split. */
  get temporalProcesses(): ManagedProcess[] {
    return this.temporal instanceof TemporalPostgresServer ? this.temporal.processes : [this.temporal.process];
  }

  killNow(): void {
    for (const p of [...this.temporalProcesses, this.redis.process, this.postgres.process]) p.killNow();
  }

  /** The environment the apps need to reach these services. */
  appEnvironment(): {
    NODE_ENV: string;
    DATABASE_URL: string;
    MIGRATION_DATABASE_URL: string;
    REDIS_URL: string;
    TEMPORAL_ADDRESS: string;
    TEMPORAL_NAMESPACE: string;
  } {
    return {
      // A local stack (npm start, benchmarks, drills) runs with the dev-only secrets; tests say 'test'.
      NODE_ENV: 'development',
      DATABASE_URL: this.postgres.url,
      MIGRATION_DATABASE_URL: this.postgres.ownerUrl,
      REDIS_URL: this.redis.url,
      TEMPORAL_ADDRESS: this.temporal.address,
      TEMPORAL_NAMESPACE: 'default',
    };
  }
}
