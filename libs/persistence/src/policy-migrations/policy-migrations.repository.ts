import { randomUUID } from 'node:crypto';

/** Anything that runs SQL: a DataSource or a transaction's EntityManager. */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<any>;
}

/** Which running hazards a migration moves: those on one of `fromVersions`, optionally under one jurisdiction. */
export interface MigrationSelection {
  fromVersions: string[];
  jurisdictionId: string | null;
}

export type HazardMigrationResult = 'pending' | 'migrated' | 'already_current' | 'closed' | 'refused';

export interface PolicyMigrationRun {
  id: string;
  fromVersion: string | null;
  toVersion: string;
  jurisdictionId: string | null;
  reason: string;
  requestedBy: string;
  requestedByName: string;
  via: 'api' | 'cli';
  status: 'running' | 'completed';
  startedAt: string;
  finishedAt: string | null;
  counts: Record<string, number>;
}

export interface HazardMigrationRow {
  hazardId: string;
  fromVersion: string;
  result: HazardMigrationResult;
  seq: number | null;
  detail: Record<string, unknown>;
  updatedAt: string;
}

/** Open statuses: a closed or withdrawn hazard's workflow has ended and runs under nothing. */
const OPEN = `status not in ('closed','withdrawn')`;
const UNDER = `($2::text is null or $2 in (city_id, county_id, township_id, grid_id))`;
const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : d == null ? null : String(d));

const toRun = (r: Record<string, unknown>): PolicyMigrationRun => ({
  id: r.id as string,
  fromVersion: r.from_version as string | null,
  toVersion: r.to_version as string,
  jurisdictionId: r.jurisdiction_id as string | null,
  reason: r.reason as string,
  requestedBy: r.requested_by as string,
  requestedByName: r.requested_by_name as string,
  via: r.via as 'api' | 'cli',
  status: r.status as 'running' | 'completed',
  startedAt: iso(r.started_at)!,
  finishedAt: iso(r.finished_at),
  counts: r.counts as Record<string, number>,
});

/** The SQL of policy migrations (策略迁移): the runs, the hazards each one moves, and their results. */
export class PolicyMigrationsRepository {
  constructor(private readonly db: SqlRunner) {}

  /** Serializes starting and finishing runs (within the caller's transaction). */
  async lock(tx: SqlRunner): Promise<void> {
    await tx.query(`select pg_advisory_xact_lock(hashtext('policy_migrations'))`);
  }

  async jurisdictionExists(id: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query('select 1 from jurisdictions where id = $1', [id]);
    return rows.length > 0;
  }

  /** The running hazards a selection would move, by version and status (a dry run's answer), and the first ids. */
  async preview(
    sel: MigrationSelection,
    sampleSize: number,
  ): Promise<{ byVersion: { version: string; status: string; count: number }[]; sample: string[] }> {
    const byVersion: { version: string; status: string; count: number }[] = await this.db.query(
      `select policy_version as version, status, count(*)::int as count from hazards
       where ${OPEN} and policy_version = any($1) and ${UNDER} group by 1, 2 order by 1, 2`,
      [sel.fromVersions, sel.jurisdictionId],
    );
    const sample: { id: string }[] = await this.db.query(
      `select id from hazards where ${OPEN} and policy_version = any($1) and ${UNDER} order by id limit $3`,
      [sel.fromVersions, sel.jurisdictionId, sampleSize],
    );
    return { byVersion, sample: sample.map((r) => r.id) };
  }

  /** The unfinished run with this target and selection, if a previous one was stopped. */
  async running(
    tx: SqlRunner,
    toVersion: string,
    fromVersion: string | null,
    jurisdictionId: string | null,
  ): Promise<PolicyMigrationRun | null> {
    const rows = await tx.query(
      `select * from policy_migrations where status = 'running' and to_version = $1
         and coalesce(from_version, '') = coalesce($2, '') and coalesce(jurisdiction_id, '') = coalesce($3, '')`,
      [toVersion, fromVersion, jurisdictionId],
    );
    return rows[0] ? toRun(rows[0]) : null;
  }

  async create(
    tx: SqlRunner,
    r: Pick<PolicyMigrationRun, 'fromVersion' | 'toVersion' | 'jurisdictionId' | 'reason' | 'requestedBy' | 'requestedByName' | 'via'>,
  ): Promise<PolicyMigrationRun> {
    const rows = await tx.query(
      `insert into policy_migrations (id, from_version, to_version, jurisdiction_id, reason, requested_by, requested_by_name, via, status)
       values ($1,$2,$3,$4,$5,$6,$7,$8,'running') returning *`,
      [randomUUID(), r.fromVersion, r.toVersion, r.jurisdictionId, r.reason, r.requestedBy, r.requestedByName, r.via],
    );
    return toRun(rows[0]);
  }

  async byId(id: string): Promise<PolicyMigrationRun | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const rows = await this.db.query('select * from policy_migrations where id = $1', [id]);
    return rows[0] ? toRun(rows[0]) : null;
  }

  /** The runs, newest first. */
  async list(limit: number): Promise<PolicyMigrationRun[]> {
    const rows = await this.db.query('select * from policy_migrations order by started_at desc limit $1', [limit]);
    return rows.map(toRun);
  }

  /**
   * The next page of hazards for a run, claimed as `pending` in one statement: running hazards of
   * the selection, after `afterId` in id order, not yet claimed by this run.
   */
  async claimPage(
    runId: string,
    sel: MigrationSelection,
    afterId: string,
    limit: number,
  ): Promise<{ hazardId: string; fromVersion: string }[]> {
    const rows: { hazard_id: string; from_version: string }[] = await this.db.query(
      `insert into policy_migration_hazards (migration_id, hazard_id, from_version, result)
       select $4, id, policy_version, 'pending' from hazards h
        where ${OPEN} and policy_version = any($1) and ${UNDER} and id > $3
          and not exists (select 1 from policy_migration_hazards p where p.migration_id = $4 and p.hazard_id = h.id)
        order by id limit $5
       on conflict do nothing
       returning hazard_id, from_version`,
      [sel.fromVersions, sel.jurisdictionId, afterId, runId, limit],
    );
    return rows.map((r) => ({ hazardId: r.hazard_id, fromVersion: r.from_version })).sort((a, b) => (a.hazardId < b.hazardId ? -1 : 1));
  }

  /** Hazards a stopped attempt of the run had claimed but not finished: sent again first. */
  async pending(runId: string, limit: number): Promise<{ hazardId: string; fromVersion: string }[]> {
    const rows: { hazard_id: string; from_version: string }[] = await this.db.query(
      `select hazard_id, from_version from policy_migration_hazards where migration_id = $1 and result = 'pending' order by hazard_id limit $2`,
      [runId, limit],
    );
    return rows.map((r) => ({ hazardId: r.hazard_id, fromVersion: r.from_version }));
  }

  /** The last hazard id the run has claimed (where its next page starts). */
  async lastClaimed(runId: string): Promise<string> {
    const [r]: { id: string | null }[] = await this.db.query(
      'select max(hazard_id) as id from policy_migration_hazards where migration_id = $1',
      [runId],
    );
    return r?.id ?? '';
  }

  async settle(
    runId: string,
    hazardId: string,
    result: Exclude<HazardMigrationResult, 'pending'>,
    seq: number | null,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await this.db.query(
      `update policy_migration_hazards set result = $3, seq = $4, detail = $5, updated_at = now() where migration_id = $1 and hazard_id = $2`,
      [runId, hazardId, result, seq, detail],
    );
  }

  /** How many hazards of the run ended each way. */
  async counts(runId: string, tx: SqlRunner = this.db): Promise<Record<HazardMigrationResult, number>> {
    const rows: { result: HazardMigrationResult; n: number }[] = await tx.query(
      'select result, count(*)::int as n from policy_migration_hazards where migration_id = $1 group by result',
      [runId],
    );
    const out: Record<HazardMigrationResult, number> = { pending: 0, migrated: 0, already_current: 0, closed: 0, refused: 0 };
    for (const r of rows) out[r.result] = r.n;
    return out;
  }

  async complete(tx: SqlRunner, runId: string, counts: Record<string, number>): Promise<PolicyMigrationRun> {
    await tx.query(`update policy_migrations set status = 'completed', finished_at = now(), counts = $2 where id = $1`, [runId, counts]);
    // (An UPDATE's RETURNING comes back wrapped with the row count through TypeORM: read the row instead.)
    const rows = await tx.query('select * from policy_migrations where id = $1', [runId]);
    return toRun(rows[0]);
  }

  /** Each hazard's result in a run, in id order, a page at a time. */
  async hazards(runId: string, afterId: string, limit: number): Promise<HazardMigrationRow[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `select hazard_id, from_version, result, seq, detail, updated_at from policy_migration_hazards
       where migration_id = $1 and hazard_id > $2 order by hazard_id limit $3`,
      [runId, afterId, limit],
    );
    return rows.map((r) => ({
      hazardId: r.hazard_id as string,
      fromVersion: r.from_version as string,
      result: r.result as HazardMigrationResult,
      seq: r.seq as number | null,
      detail: r.detail as Record<string, unknown>,
      updatedAt: iso(r.updated_at)!,
    }));
  }
}
