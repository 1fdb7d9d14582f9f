import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { ManagedProcess, waitUntil } from './managed-process';
import { postgresDataLocation, postgresUserCan } from './postgres-data-location';

export interface PostgresOptions {
  binDir: string;
  dataDir: string; // holds pgdata/ and the socket dir
  port: number;
  database: string;
  user: string;
  password: string;
  /** Tests trade durability for speed; the local stack keeps fsync on. */
  fast?: boolean;
  /** Benchmarks' statement profile (BENCH_PG_STATEMENTS=1): loads pg_stat_statements, with planning time. */
  statementStats?: boolean;
  logFile: string;
}

const isRoot = () => process.getuid?.() === 0;

/** The apps' login role, beside the owner role of the same name. */
export const appRole = (owner: string) => `${owner}_app`;

/** Root cannot run initdb or postgres: run them as the `postgres` OS user. */
function asPostgres(cmd: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

function postgresOwns(dir: string): void {
  // Parents get the default mode (others must traverse them); the data itself is private.
  mkdirSync(dirname(dir), { recursive: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!isRoot()) return;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  chownSync(dir, uid, gid);
  if (!postgresUserCan('-w', dir)) throw new Error(`The postgres OS user cannot write ${dir}; set DATA_DIR to a folder it can reach.`);
}

/** PostgreSQL 15 with its data in our data folder, on our own port; initialised on first start. */
export class PostgresServer {
  readonly process: ManagedProcess;
  private readonly pgdata: string;
  readonly socketDir: string;
  /** Where the cluster lives: `o.dataDir`, or a folder the postgres user can reach (see postgresDataLocation). */
  readonly dataDir: string;
  readonly relocatedBecause?: string;

  constructor(private readonly o: PostgresOptions) {
    const location = postgresDataLocation(o.dataDir);
    this.dataDir = location.dir;
    this.relocatedBecause = location.relocatedBecause;
    this.pgdata = join(this.dataDir, 'pgdata');
    this.socketDir = join(this.dataDir, 'socket');
    const settings = [
      '-D',
      this.pgdata,
      '-p',
      String(o.port),
      '-k',
      this.socketDir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      // Short OLTP queries: JIT compilation (on by default, for plans costed above 100,000, as a
      // count over a million-row table is) costs more than the query itself.
      '-c',
      'jit=off',
      ...(o.fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
      ...(o.statementStats
        ? [
            '-c',
            'shared_preload_libraries=pg_stat_statements',
            '-c',
            'pg_stat_statements.track=all',
            '-c',
            'pg_stat_statements.track_planning=on',
          ]
        : []),
    ];
    const [cmd, args] = asPostgres(join(o.binDir, 'postgres'), settings);
    // SIGINT is PostgreSQL's "fast shutdown": clean, without waiting for clients to leave.
    this.process = new ManagedProcess({ name: 'postgres', command: cmd, args, logFile: o.logFile, stopSignal: 'SIGINT' });
  }

  /** The apps' role: reads and writes rows, owns nothing, cannot change the schema. */
  get port(): number {
    return this.o.port;
  }

  get database(): string {
    return this.o.database;
  }

  get url(): string {
    return this.urlFor(appRole(this.o.user));
  }

  /** The owner's role: runs the migrations. */
  get ownerUrl(): string {
    return this.urlFor(this.o.user);
  }

  private urlFor(role: string): string {
    const { password, port, database } = this.o;
    return `postgres://${encodeURIComponent(role)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  }

  async start(): Promise<void> {
    postgresOwns(this.dataDir);
    postgresOwns(this.socketDir);
    if (!existsSync(join(this.pgdata, 'PG_VERSION'))) {
      postgresOwns(this.pgdata);
      const [cmd, args] = asPostgres(join(this.o.binDir, 'initdb'), [
        '-D',
        this.pgdata,
        '-U',
        'postgres',
        '--auth-local=trust',
        '--auth-host=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C.UTF-8',
        '--no-sync',
      ]);
      execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    }
    this.process.start();
    await waitUntil('PostgreSQL', () => this.superuserQuery('select 1').then(() => true), {
      timeoutMs: 30000,
      process: this.process,
    });
    await this.ensureDatabase();
    if (this.o.statementStats) await this.superuserQuery('create extension if not exists pg_stat_statements', [], this.o.database);
  }

  /**
   * Two roles, created once: the owner (owns the database, runs migrations) and the apps' role,
   * which gets row privileges on whatever the owner creates. Grants then mean something: the
   * archive's history tables take UPDATE and DELETE away from the apps' role.
   */
  private async ensureDatabase(): Promise<void> {
    const { user, password, database } = this.o;
    const app = appRole(user);
    const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
    for (const role of [user, app]) {
      const exists = await this.superuserQuery('select 1 from pg_roles where rolname = $1', [role]);
      if (exists.length === 0) await this.superuserQuery(`create role ${ident(role)} login password ${literal(password)}`);
    }
    const db = await this.superuserQuery('select 1 from pg_database where datname = $1', [database]);
    if (db.length === 0) await this.superuserQuery(`create database ${ident(database)} owner ${ident(user)}`);
    // Idempotent: re-applied at every start, so a data folder from an older version gets them too.
    {
      for (const sql of [
        `grant connect on database ${ident(database)} to ${ident(app)}`,
        `grant usage on schema public to ${ident(app)}`,
        `alter default privileges for role ${ident(user)} in schema public grant select, insert, update, delete on tables to ${ident(app)}`,
        `alter default privileges for role ${ident(user)} in schema public grant usage, select on sequences to ${ident(app)}`,
        `alter default privileges for role ${ident(user)} in schema public grant execute on functions to ${ident(app)}`,
      ])
        await this.superuserQuery(sql, [], database);
    }
  }

  async superuserQuery(sql: string, params: unknown[] = [], database = 'postgres'): Promise<unknown[]> {
    const client = new Client({ host: this.socketDir, port: this.o.port, user: 'postgres', database });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows;
    } finally {
      await client.end();
    }
  }

  stop(): Promise<void> {
    return this.process.stop(30000);
  }

  /** The postmaster's own pid (the managed process may be the runuser wrapper), for drills. */
  postmasterPid(): number | null {
    try {
      return Number(readFileSync(join(this.pgdata, 'postmaster.pid'), 'utf8').split('\n')[0]) || null;
    } catch {
      return null;
    }
  }
}
