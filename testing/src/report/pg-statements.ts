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
