import type { PostgresServer } from '../../../infra/local-stack/postgres-server';
import { round } from './bench-report';

/** One statement's share of a phase of a benchmark, per unit of work (an escalation, a request). */
export interface StatementCost {
  database: string;
  calls_per_unit: number;
  /** Executing and planning, in ms per unit: what the statement cost the server's backends. */
  exec_ms_per_unit: number;
  plan_ms_per_unit: number;
  rows_per_call: number;
  query: string;
}

/**
 * The statement profile of a phase (BENCH_PG_STATEMENTS=1 starts PostgreSQL with
 * pg_stat_statements): reset it when the phase starts, read it when it ends. The statements of
 * every database are kept (the apps' and Temporal's), told apart by `database`.
 */
export class StatementProfile {
  constructor(private readonly pg: Pick<PostgresServer, 'superuserQuery' | 'database'>) {}

  async reset(): Promise<void> {
    await this.pg.superuserQuery('select pg_stat_statements_reset()', [], this.pg.database);
  }

  /** The `limit` statements that cost the most (execution and planning), each per unit of work. */
  async top(units: number, limit = 15): Promise<StatementCost[]> {
    const rows = (await this.pg.superuserQuery(
      `select d.datname as database, s.calls::float8 as calls, s.rows::float8 as rows,
              s.total_exec_time as exec_ms, s.total_plan_time as plan_ms, s.query
         from pg_stat_statements s join pg_database d on d.oid = s.dbid
        order by s.total_exec_time + s.total_plan_time desc
        limit $1`,
      [limit],
      this.pg.database,
    )) as { database: string; calls: number; rows: number; exec_ms: number; plan_ms: number; query: string }[];
    return rows.map((r) => ({
      database: r.database,
      calls_per_unit: round(r.calls / units, 2),
      exec_ms_per_unit: round(r.exec_ms / units, 3),
      plan_ms_per_unit: round(r.plan_ms / units, 3),
      rows_per_call: round(r.rows / Math.max(1, r.calls), 1),
      query: r.query.replace(/\s+/g, ' ').slice(0, 140),
    }));
  }
}

/** What the sessions that others queued on were doing, summed over the samples of a phase. */
export interface LockHolding {
  database: string;
  /** The holder's state: `idle in transaction` is a transaction waiting on its client. */
  state: string;
  /** Its wait event (e.g. `IO:WALSync`), or `running` when it waited on nothing PostgreSQL knows of (the processor). */
  doing: string;
  /** The holder's current or last statement. */
  query: string;
  /** Sessions waiting on it in each sample, times the time that sample stands for: seconds spent queued. */
  waiter_s: number;
}

/**
 * Samples, while a phase runs, the sessions others wait on for a lock (pg_blocking_pids): which
 * statement they ran and whether they were running, flushing the WAL or waiting on their client. A
 * statement profile shows that a statement waited; this shows on what.
 */
export class LockHolderSampler {
  private sampling?: Promise<void>;
  private stopped = true;
  private readonly held = new Map<string, LockHolding>();

  constructor(
    private readonly pg: Pick<PostgresServer, 'superuserQuery' | 'database'>,
    private readonly everyMs = 500,
  ) {}

  start(): void {
    this.held.clear();
    this.stopped = false;
    // One sample at a time (each is a connection of its own), so a slow server is not handed a pile of them.
    this.sampling = (async () => {
      // Each sample stands for the time since the one before it (the pause plus the sample's own query).
      let last = Date.now();
      while (!this.stopped) {
        await new Promise((r) => setTimeout(r, this.everyMs));
        const now = Date.now();
        // A sample that fails (PostgreSQL busy past its connection limit) is skipped, not fatal to the benchmark.
        await this.sample((now - last) / 1000).catch(() => undefined);
        last = now;
      }
    })();
  }

  /** Stops sampling once the sample in flight is in; the holders others waited on longest first. */
  async stop(limit = 10): Promise<LockHolding[]> {
    this.stopped = true;
    await this.sampling;
    return [...this.held.values()]
      .map((h) => ({ ...h, waiter_s: round(h.waiter_s, 1) }))
      .sort((a, b) => b.waiter_s - a.waiter_s)
      .slice(0, limit);
  }

  private async sample(seconds: number): Promise<void> {
    const rows = (await this.pg.superuserQuery(
      `select b.datname as database, b.state, coalesce(b.wait_event_type || ':' || b.wait_event, 'running') as doing,
              left(regexp_replace(b.query, '\\s+', ' ', 'g'), 110) as query, count(*)::int as waiters
         from pg_stat_activity w
         cross join lateral unnest(pg_blocking_pids(w.pid)) as holder(pid)
         join pg_stat_activity b on b.pid = holder.pid
        where w.wait_event_type = 'Lock'
        group by 1, 2, 3, 4`,
      [],
      this.pg.database,
    )) as { database: string; state: string; doing: string; query: string; waiters: number }[];
    for (const r of rows) {
      const key = `${r.database}|${r.state}|${r.doing}|${r.query}`;
      const h = this.held.get(key) ?? { database: r.database, state: r.state, doing: r.doing, query: r.query, waiter_s: 0 };
      h.waiter_s += r.waiters * seconds;
      this.held.set(key, h);
    }
  }
}
