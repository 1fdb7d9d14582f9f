import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { HAZARD_SEARCH_ATTRIBUTES } from '@hazards/temporal/search-attributes';
import { ManagedProcess, waitUntil } from './managed-process';
import { freePort, portIsFree } from './net';
import type { PostgresServer } from './postgres-server';
import { temporalAnswers } from './temporal-dev-server';

const run = promisify(execFile);

/**
 * A free port for ringpop membership. Temporal stores it in a smallint column, so it must be
 * below 32768, under the OS's ephemeral range that freePort() draws from.
 */
async function membershipPort(): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    if (await portIsFree(port)) return port;
  }
  throw new Error('no free port between 20000 and 32000 for Temporal membership');
}

/** The Temporal server built from source (go install ...server@v1.31.2), its SQL tool and schema. */
export interface TemporalServerTools {
  server: string;
  sqlTool: string;
  /** Holds postgresql/v12/{temporal,visibility}/versioned from the server module. */
  schemaDir: string;
  /** The CLI, for namespace and search-attribute registration. */
  cli: string;
}

export interface TemporalPostgresServerOptions {
  tools: TemporalServerTools;
  postgres: PostgresServer;
  dataDir: string;
  port: number;
  httpPort: number;
  metricsPort: number;
  logFile: string;
  /** History shards: fixed for the life of the database. 4 suits one 2-core machine. */
  shards?: number;
  /**
   * Run the four services (frontend, history, matching, worker) as four processes, as a cluster
   * does, instead of one process with all four. They find each other through the membership
   * table in PostgreSQL, like a cluster's nodes.
   */
  splitServices?: boolean;
}

const SERVICES = ['frontend', 'history', 'matching', 'worker'] as const;
type Service = (typeof SERVICES)[number];

const ROLE = 'temporal';
const PASSWORD = 'temporal';
const DATABASES = { temporal: 'temporal', temporal_visibility: 'visibility' } as const;

/**
 * The production-like Temporal: the real server (frontend, history, matching and worker services
 * in one process) persisting to PostgreSQL, in databases `temporal` and `temporal_visibility` of
 * the stack's own PostgreSQL server. Unlike the dev server's single SQLite connection, it keeps
 * up past a few thousand open workflows. The schema is created or upgraded at each start with
 * Temporal's own SQL tool (idempotent), then the namespace and search attributes are registered.
 */
export class TemporalPostgresServer {
  /** One process, or one per service (the frontend first) with splitServices. */
  readonly processes: ManagedProcess[];
  private readonly configDir: string;

  constructor(private readonly o: TemporalPostgresServerOptions) {
    this.configDir = join(o.dataDir, 'config');
    const server = (name: string, env: string, args: string[], logFile: string) =>
      new ManagedProcess({
        name,
        command: o.tools.server,
        args: ['--root', o.dataDir, '--config', 'config', '--env', env, '--allow-no-auth', 'start', ...args],
        logFile,
      });
    this.processes = o.splitServices
      ? SERVICES.map((svc) => server(`temporal-${svc}`, `postgres-${svc}`, ['--service', svc], o.logFile.replace(/\.log$/, `-${svc}.log`)))
      : [server('temporal', 'postgres', [], o.logFile)];
  }

  /** The frontend's process (the only one without splitServices). */
  get process(): ManagedProcess {
    return this.processes[0];
  }

  get address(): string {
    return `127.0.0.1:${this.o.port}`;
  }

  readonly uiUrl = null;

  async start(): Promise<void> {
    await this.ensureSchema();
    await this.writeConfig();
    for (const p of this.processes) p.start();
    await waitUntil(
      'Temporal (PostgreSQL)',
      async () => {
        const dead = this.processes.find((p) => p.exited);
        if (dead) throw new Error(`${dead.spec.name} exited (code ${dead.exitCode}); see ${dead.spec.logFile}`);
        return temporalAnswers(this.address, this.o.port);
      },
      { timeoutMs: this.o.splitServices ? 180_000 : 90_000, process: this.process },
    ); // four processes join the ring one by one
    await this.registerNamespace();
  }

  /** The frontend first (no new calls), then the services behind it. */
  async stop(): Promise<void> {
    await this.process.stop(20000);
    await Promise.all(this.processes.slice(1).map((p) => p.stop(20000)));
  }

  private async sql(db: string, ...args: string[]): Promise<void> {
    await run(
      this.o.tools.sqlTool,
      [
        '--plugin',
        'postgres12',
        '--ep',
        '127.0.0.1',
        '-p',
        String(this.o.postgres.port),
        '-u',
        ROLE,
        '--pw',
        PASSWORD,
        '--db',
        db,
        ...args,
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    );
  }

  private async ensureSchema(): Promise<void> {
    const pg = this.o.postgres;
    const role = await pg.superuserQuery('select 1 from pg_roles where rolname = $1', [ROLE]);
    if (role.length === 0) await pg.superuserQuery(`create role ${ROLE} login createdb password '${PASSWORD}'`);
    for (const [db, schema] of Object.entries(DATABASES)) {
      const exists = (await pg.superuserQuery('select 1 from pg_database where datname = $1', [db])).length > 0;
      if (!exists) {
        await this.sql(db, 'create-database');
        await this.sql(db, 'setup-schema', '-v', '0.0');
      }
      await this.sql(db, 'update-schema', '-d', join(this.o.tools.schemaDir, 'postgresql', 'v12', schema, 'versioned'));
    }
  }

  private async writeConfig(): Promise<void> {
    mkdirSync(join(this.configDir, 'dynamicconfig'), { recursive: true });
    const ports = { history: await freePort(), matching: await freePort(), worker: await freePort() };
    const members = {
      frontend: await membershipPort(),
      history: await membershipPort(),
      matching: await membershipPort(),
      worker: await membershipPort(),
    };
    const store = (name: string, maxConns: number) => `
      sql:
        pluginName: postgres12
        databaseName: ${name}
        connectAddr: "127.0.0.1:${this.o.postgres.port}"
        connectProtocol: tcp
        user: ${ROLE}
        password: ${PASSWORD}
        maxConns: ${maxConns}
        maxIdleConns: ${maxConns}
        maxConnLifetime: 1h`;
    const metricsPorts: Record<Service, number> = {
      frontend: this.o.metricsPort,
      history: await freePort(),
      matching: await freePort(),
      worker: await freePort(),
    };
    const service = (grpc: number, membership: number, extra = '') => `
    rpc:
      grpcPort: ${grpc}
      membershipPort: ${membership}
      bindOnLocalHost: true${extra}`;
    const config = (metricsPort: number) => `# Written by infra/local-stack/temporal-postgres-server.ts at each start.
log:
  stdout: true
  level: warn
persistence:
  defaultStore: default
  visibilityStore: visibility
  numHistoryShards: ${this.o.shards ?? 4}
  datastores:
    default:${store('temporal', 20)}
    visibility:${store('temporal_visibility', 4)}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
  metrics:
    prometheus:
      framework: tally
      timerType: histogram
      listenAddress: "127.0.0.1:${metricsPort}"
services:
  frontend:${service(this.o.port, members.frontend, `\n      httpPort: ${this.o.httpPort}`)}
  history:${service(ports.history, members.history)}
  matching:${service(ports.matching, members.matching)}
  worker:${service(ports.worker, members.worker)}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: "127.0.0.1:${this.o.port}"
dcRedirectionPolicy:
  policy: noop
dynamicConfigClient:
  filepath: ${join(this.configDir, 'dynamicconfig', 'postgres.yaml')}
  pollInterval: 60s
`;
    // Split: one file per service process, which differ only in the metrics port each binds.
    if (this.o.splitServices)
      for (const svc of SERVICES) writeFileSync(join(this.configDir, `postgres-${svc}.yaml`), config(metricsPorts[svc]));
    else writeFileSync(join(this.configDir, 'postgres.yaml'), config(this.o.metricsPort));
    // Workflow ids here are "hazard-<uuid>"; the rest are the server defaults.
    writeFileSync(join(this.configDir, 'dynamicconfig', 'postgres.yaml'), `limit.maxIDLength:\n  - value: 255\n    constraints: {}\n`);
  }

  /** The namespace and the hazard search attributes; both calls are no-ops once done. */
  private async registerNamespace(): Promise<void> {
    const cli = (...args: string[]) =>
      run(this.o.tools.cli, [...args, '--address', this.address]).catch((err: { stderr?: string }) => {
        if (!/already|exists/i.test(err.stderr ?? '')) throw new Error(`temporal ${args.join(' ')}: ${err.stderr}`);
      });
    await cli('operator', 'namespace', 'create', '--namespace', 'default', '--retention', '72h');
    // The frontend's namespace cache refreshes on its own; wait until the namespace is usable.
    await waitUntil(
      'Temporal namespace "default"',
      async () => {
        const conn = await Connection.connect({ address: this.address, connectTimeout: 2000 });
        try {
          await conn.workflowService.countWorkflowExecutions({ namespace: 'default' });
          return true;
        } catch {
          return false;
        } finally {
          await conn.close();
        }
      },
      { timeoutMs: 60000, process: this.process },
    );
    for (const [name, type] of Object.entries(HAZARD_SEARCH_ATTRIBUTES)) {
      await cli('operator', 'search-attribute', 'create', '--namespace', 'default', '--name', name, '--type', type);
    }
  }
}
