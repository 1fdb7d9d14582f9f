import type { DataSource } from 'typeorm';

export type SimulationStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface SimulationRunRow {
  id: string;
  requestedBy: string;
  jurisdictionId: string;
  from: string;
  to: string;
  policy: Record<string, unknown>;
  status: SimulationStatus;
  progress: Record<string, unknown>;
  report: Record<string, unknown> | null;
  error: { code: string; message: string; messageEn: string } | null;
  createdAt: string;
  finishedAt: string | null;
}

const COLUMNS = `id, requested_by as "requestedBy", jurisdiction_id as "jurisdictionId", period_from as "from", period_to as "to", policy, status,
  progress, report, error, created_at as "createdAt", finished_at as "finishedAt"`;

const iso = (r: Record<string, unknown>): SimulationRunRow => {
  const d = (v: unknown) => (v instanceof Date ? v.toISOString() : (v as string | null));
  return { ...r, from: d(r.from), to: d(r.to), createdAt: d(r.createdAt), finishedAt: d(r.finishedAt) } as SimulationRunRow;
};

/** The table of 政策推演 runs (migration PolicySimulations). */
export class SimulationRunsRepository {
  constructor(private readonly ds: DataSource) {}

  async create(r: { id: string; requestedBy: string; jurisdictionId: string; from: string; to: string; policy: unknown }): Promise<void> {
    await this.ds.query(
      `insert into simulation_runs (id, requested_by, jurisdiction_id, period_from, period_to, policy, status) values ($1,$2,$3,$4,$5,$6,'queued')`,
      [r.id, r.requestedBy, r.jurisdictionId, r.from, r.to, JSON.stringify(r.policy)],
    );
  }

  async get(id: string): Promise<SimulationRunRow | null> {
    const rows = await this.ds.query(`select ${COLUMNS} from simulation_runs where id = $1`, [id]);
    return rows[0] ? iso(rows[0]) : null;
  }

  async progress(id: string, status: SimulationStatus, progress: Record<string, unknown>): Promise<void> {
    await this.ds.query(
      `update simulation_runs set status = $2, progress = $3, heartbeat_at = now() where id = $1 and status in ('queued','running')`,
      [id, status, JSON.stringify(progress)],
    );
  }

  /** The report and the final progress together: a progress write still in flight cannot follow it (it needs an unfinished run). */
  async succeed(id: string, report: unknown, progress: Record<string, unknown>): Promise<void> {
    await this.ds.query(`update simulation_runs set status = 'succeeded', report = $2, progress = $3, finished_at = now() where id = $1`, [
      id,
      JSON.stringify(report),
      JSON.stringify(progress),
    ]);
  }

  async fail(id: string, error: { code: string; message: string; messageEn: string }): Promise<void> {
    await this.ds.query(
      `update simulation_runs set status = 'failed', error = $2, finished_at = now() where id = $1 and status <> 'succeeded'`,
      [id, JSON.stringify(error)],
    );
  }

  /** The runner is alive: its unfinished runs are touched. */
  async heartbeat(ids: string[]): Promise<void> {
    if (ids.length) await this.ds.query(`update simulation_runs set heartbeat_at = now() where id = any($1)`, [ids]);
  }

  /** Unfinished runs untouched for `staleSeconds` lost their process: they are failed, not left running forever. */
  async failStale(staleSeconds: number): Promise<void> {
    await this.ds.query(
      `update simulation_runs set status = 'failed', finished_at = now(),
         error = '{"code":"interrupted","message":"推演进程中断，请重新提交。","messageEn":"The simulation process stopped; submit it again."}'
       where status in ('queued','running') and heartbeat_at < now() - make_interval(secs => $1)`,
      [staleSeconds],
    );
  }
}
