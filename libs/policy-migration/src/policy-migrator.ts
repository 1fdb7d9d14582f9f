import { eachInPool } from '@hazards/concurrency';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import type { ArchiveKey } from '@hazards/archive/archive-key';
import { ChainAppender } from '@hazards/archive/chain-appender';
import { successAuditRow } from '@hazards/archive/audit-row';
import { AUDIT_CHAIN } from '@hazards/archive/chain-definitions';
import type { Actor } from '@hazards/domain/hazard/actor';
import { hazardWorkflowId } from '@hazards/domain/hazard/hazard-workflow-id';
import { HazardStepRecorder } from '@hazards/persistence/hazards/hazard-step.recorder';
import { executeUpdate, turnedAwayUnapplied } from '@hazards/temporal/execute-update';
import { versionsBefore } from '@hazards/domain/policy/known-policies';
import { isNewerPolicy } from '@hazards/domain/policy/policy-order';
import type { Policy } from '@hazards/domain/policy/policy.schema';
import {
  PolicyMigrationsRepository,
  type HazardMigrationResult,
  type MigrationSelection,
  type PolicyMigrationRun,
} from '@hazards/persistence/policy-migrations/policy-migrations.repository';
import { migratePolicyUpdate } from '../../../workflows/src/hazard-lifecycle.definitions';
import type { MigratePolicyInput, PolicyMigrationResult } from '../../../workflows/src/hazard-lifecycle.types';

/** Hazards claimed and sent per page, and updates in flight at once within a page. */
export const DEFAULT_BATCH_SIZE = 50;
export const MAX_BATCH_SIZE = 500;
const UPDATES_IN_FLIGHT = 8;
/** Ids a dry run lists. */
const SAMPLE_SIZE = 20;
const REASON_MAX = 500;

/** What an admin asks for: the target version, optionally the only version to move from, and a jurisdiction. */
export interface PolicyMigrationRequest {
  to: string;
  from?: string | null;
  jurisdictionId?: string | null;
  dryRun?: boolean;
  reason?: string | null;
  batchSize?: number;
}

/** Who runs it and from where (the audit row and the migration record). */
export interface PolicyMigrationCaller {
  actor: Actor;
  username: string;
  via: 'api' | 'cli';
  sourceIp?: string | null;
  requestId?: string | null;
}

/** A migration refused before anything changed: the one error shape, and the HTTP status it maps to. */
export class PolicyMigrationRefused extends Error {
  constructor(
    readonly status: 403 | 422,
    readonly code: string,
    readonly zh: string,
    readonly en: string,
    readonly field: string,
  ) {
    super(`${zh} / ${en}`);
  }
}

export interface PolicyMigrationReport {
  /** Null for a dry run: nothing was recorded. */
  migrationId: string | null;
  dryRun: boolean;
  /** A run stopped earlier (killed, Temporal away) with the same target and selection was continued. */
  resumed: boolean;
  fromVersions: string[];
  toVersion: string;
  jurisdictionId: string | null;
  /** Dry run: the running hazards that would be migrated, by version and status, and the first ids. */
  wouldMigrate?: { total: number; byVersion: { version: string; status: string; count: number }[]; sample: string[] };
  /** A run: how many hazards ended each way (over every attempt of the run). */
  counts?: Record<Exclude<HazardMigrationResult, 'pending'>, number> & { selected: number };
  status?: PolicyMigrationRun['status'];
}

/**
 * 策略迁移: moves running hazards to a newer policy version, explicitly and audited. The running
 * hazards of the selection are claimed a page at a time (PostgreSQL), and each is sent the
 * workflow's `migratePolicy` update (validated there: admin only, forward only), a few at once.
 * Idempotent: a hazard already on the target is not selected, and a claimed one is sent with an
 * update id of the run and the hazard, so a run stopped at any point and started again (the same
 * request continues it) migrates nothing twice. The run, each hazard's result and an audit row
 * at its start and its end are recorded; each hazard's own history gets its `policy_migrated` step.
 */
export class PolicyMigrator {
  private readonly repo: PolicyMigrationsRepository;
  private readonly audit: ChainAppender;
  private readonly steps: HazardStepRecorder;

  constructor(
    private readonly ds: DataSource,
    private readonly client: Client,
    key: ArchiveKey,
    private readonly known: ReadonlyMap<string, Policy>,
  ) {
    this.repo = new PolicyMigrationsRepository(ds);
    this.audit = new ChainAppender(key);
    this.steps = new HazardStepRecorder(ds, key);
  }

  get repository(): PolicyMigrationsRepository {
    return this.repo;
  }

  async run(req: PolicyMigrationRequest, who: PolicyMigrationCaller, onPage?: (done: number) => void): Promise<PolicyMigrationReport> {
    const { to, sel, reason, batchSize } = await this.check(req, who);
    const base = { fromVersions: sel.fromVersions, toVersion: to.version, jurisdictionId: sel.jurisdictionId };
    if (req.dryRun) {
      const p = await this.repo.preview(sel, SAMPLE_SIZE);
      const total = p.byVersion.reduce((n, r) => n + r.count, 0);
      return { migrationId: null, dryRun: true, resumed: false, ...base, wouldMigrate: { total, ...p } };
    }
    const { run, resumed } = await this.startOrResume(to, req.from ?? null, sel, reason, who);
    const input = { actor: who.actor, policy: to, reason: run.reason, migrationId: run.id };
    let done = 0;
    // First what a stopped attempt had claimed and not finished, then page after page of the rest.
    for (let page = await this.repo.pending(run.id, batchSize); page.length; page = await this.repo.pending(run.id, batchSize)) {
      done += await this.sendPage(run.id, page, input);
      onPage?.(done);
    }
    let after = await this.repo.lastClaimed(run.id);
    for (
      let page = await this.repo.claimPage(run.id, sel, after, batchSize);
      page.length;
      page = await this.repo.claimPage(run.id, sel, after, batchSize)
    ) {
      done += await this.sendPage(run.id, page, input);
      after = page[page.length - 1].hazardId;
      onPage?.(done);
    }
    const finished = await this.finish(run, who);
    return {
      migrationId: run.id,
      dryRun: false,
      resumed,
      ...base,
      status: finished.status,
      counts: finished.counts as PolicyMigrationReport['counts'],
    };
  }

  /** Every refusal before anything is written: role, versions known and forward, jurisdiction, bounds. */
  private async check(req: PolicyMigrationRequest, who: PolicyMigrationCaller) {
    if (who.actor.role !== 'admin')
      throw new PolicyMigrationRefused(
        403,
        'admin_only',
        '只有系统管理员可以迁移策略版本。',
        'Only an admin may migrate hazards to another policy version.',
        'actor',
      );
    const to = this.known.get(req.to ?? '');
    if (!to) throw unknownVersion(req.to, 'to', this.known);
    let fromVersions = versionsBefore(this.known, to);
    if (req.from) {
      const from = this.known.get(req.from);
      if (!from) throw unknownVersion(req.from, 'from', this.known);
      if (!isNewerPolicy(to, from)) {
        throw new PolicyMigrationRefused(
          422,
          'policy_not_newer',
          `目标策略 ${to.version} 不晚于 ${from.version}，隐患只能向新版本迁移。`,
          `Policy ${to.version} is not newer than ${from.version}; hazards migrate only forward.`,
          'to',
        );
      }
      fromVersions = [from.version];
    }
    const jurisdictionId = req.jurisdictionId?.trim() || null;
    if (jurisdictionId && (jurisdictionId.length > 64 || !(await this.repo.jurisdictionExists(jurisdictionId)))) {
      throw new PolicyMigrationRefused(
        422,
        'unknown_jurisdiction',
        `辖区 ${jurisdictionId.slice(0, 64)} 不存在。`,
        `No jurisdiction ${jurisdictionId.slice(0, 64)}.`,
        'jurisdiction',
      );
    }
    const batchSize = req.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw new PolicyMigrationRefused(
        422,
        'batch_size_out_of_range',
        `每批数量须为1–${MAX_BATCH_SIZE}的整数。`,
        `The batch size must be a whole number from 1 to ${MAX_BATCH_SIZE}.`,
        'batchSize',
      );
    }
    const given = req.reason?.trim() ?? '';
    if (given.length > REASON_MAX)
      throw new PolicyMigrationRefused(
        422,
        'reason_too_long',
        `迁移理由不超过${REASON_MAX}字。`,
        `The reason is at most ${REASON_MAX} characters.`,
        'reason',
      );
    const reason = given || `策略版本迁移至 ${to.version}（${to.name}） / policy migration to ${to.version}`;
    const sel: MigrationSelection = { fromVersions, jurisdictionId };
    return { to, sel, reason, batchSize };
  }

  /** The same request continues a stopped run; otherwise a new run is recorded, with its audit row, in one transaction. */
  private startOrResume(to: Policy, from: string | null, sel: MigrationSelection, reason: string, who: PolicyMigrationCaller) {
    return this.ds.transaction(async (tx) => {
      await this.repo.lock(tx);
      const stopped = await this.repo.running(tx, to.version, from, sel.jurisdictionId);
      if (stopped) return { run: stopped, resumed: true };
      const run = await this.repo.create(tx, {
        fromVersion: from,
        toVersion: to.version,
        jurisdictionId: sel.jurisdictionId,
        reason,
        requestedBy: who.actor.userId,
        requestedByName: who.username,
        via: who.via,
      });
      await this.auditRow(tx, who, 'policy.migration_started', run, { fromVersions: sel.fromVersions });
      return { run, resumed: false };
    });
  }

  private finish(run: PolicyMigrationRun, who: PolicyMigrationCaller): Promise<PolicyMigrationRun> {
    return this.ds.transaction(async (tx) => {
      await this.repo.lock(tx);
      const c = await this.repo.counts(run.id, tx);
      const counts = {
        selected: Object.values(c).reduce((a, b) => a + b, 0),
        migrated: c.migrated,
        already_current: c.already_current,
        closed: c.closed,
        refused: c.refused,
      };
      const done = await this.repo.complete(tx, run.id, counts);
      await this.auditRow(tx, who, 'policy.migration_completed', done, { counts });
      return done;
    });
  }

  private auditRow(
    tx: { query(sql: string, params?: unknown[]): Promise<any> },
    who: PolicyMigrationCaller,
    event: string,
    run: PolicyMigrationRun,
    extra: Record<string, unknown>,
  ) {
    return this.audit.append(
      tx,
      AUDIT_CHAIN,
      successAuditRow(
        { ...who, userId: who.actor.userId },
        { event, objectType: 'policy_migration', objectId: run.id, httpStatus: null },
        {
          via: who.via,
          fromVersion: run.fromVersion,
          toVersion: run.toVersion,
          jurisdictionId: run.jurisdictionId,
          reason: run.reason,
          ...extra,
        },
      ),
    );
  }

  /** Sends one page, a few updates in flight; each hazard's result is recorded as it comes. Returns how many were settled. */
  private async sendPage(
    runId: string,
    page: { hazardId: string }[],
    input: Omit<MigratePolicyInput, 'actor'> & { actor: Actor },
  ): Promise<number> {
    await eachInPool(page, UPDATES_IN_FLIGHT, async ({ hazardId }) => {
      const r = await this.migrateOne(runId, hazardId, input);
      await this.repo.settle(runId, hazardId, r.result, r.seq, r.detail);
    });
    return page.length;
  }

  /**
   * One hazard. The update id is the run's and the hazard's, so sending it again after a stop
   * answers the first outcome instead of migrating twice. A transport failure (Temporal away)
   * is thrown: the hazard stays `pending` and the run continues when started again.
   */
  private async migrateOne(
    runId: string,
    hazardId: string,
    input: MigratePolicyInput,
  ): Promise<{ result: Exclude<HazardMigrationResult, 'pending'>; seq: number | null; detail: Record<string, unknown> }> {
    const handle = this.client.workflow.getHandle(hazardWorkflowId(hazardId));
    try {
      const r: PolicyMigrationResult = await executeUpdate(handle, migratePolicyUpdate, {
        updateId: `policy-migration-${runId}-${hazardId}`,
        args: [input],
      });
      // The migration's step, as the workflow answered it: written before the run counts the hazard as migrated, unless
      // an earlier step is still being written by its activity (after the recorder's patience), which writes this one after it.
      await this.steps.recordAll(r.steps);
      return {
        result: 'migrated',
        seq: r.seq,
        detail: {
          fromVersion: r.fromVersion,
          toVersion: r.toVersion,
          status: r.status,
          moved: r.moved,
          added: r.added,
          removed: r.removed,
          skipped: r.skipped,
        },
      };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError || /already completed/i.test((err as Error).message ?? ''))
        return { result: 'closed', seq: null, detail: {} };
      // Turned away unapplied by the engine, not refused by the hazard: the hazard stays pending, migrated when run again.
      if (turnedAwayUnapplied(err)) throw err;
      if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
        const d = (err.cause.details?.[0] ?? {}) as { code?: string; zh?: string; en?: string };
        if (d.code === 'POLICY_ALREADY_CURRENT') return { result: 'already_current', seq: null, detail: {} };
        return {
          result: 'refused',
          seq: null,
          detail: { code: d.code ?? null, message: d.zh ?? err.cause.message, messageEn: d.en ?? null },
        };
      }
      throw err;
    }
  }
}

const unknownVersion = (v: string | null | undefined, field: 'to' | 'from', known: ReadonlyMap<string, Policy>) => {
  const list = [...known.keys()].join(', ');
  const shown = String(v ?? '').slice(0, 64);
  return new PolicyMigrationRefused(
    422,
    'unknown_policy_version',
    `策略版本“${shown}”不存在（已知：${list}）。`,
    `Unknown policy version "${shown}" (known: ${list}).`,
    field,
  );
};
