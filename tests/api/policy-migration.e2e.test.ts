import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { insertReportedRow, startLifecycle } from '@hazards/hazards/hazard-registration';
import { addWorkingDays } from '@hazards/domain/calendar/cn-calendar';
import { DEFAULT_POLICY, POLICY_V1 } from '@hazards/domain/policy/default-policy';
import type { Policy } from '@hazards/domain/policy/policy.schema';
import { PolicyMigrationsRepository } from '@hazards/persistence/policy-migrations/policy-migrations.repository';
import { TemporalClientService } from '@hazards/temporal';
import { migratePolicyUpdate } from '../../workflows/src';
import { startApiTestContext, type ApiTestContext } from '@hazards/testing/api/api-test-context';
import { TEST_PASSWORD } from '@hazards/testing/fixtures/reference-tree';
import { waitFor } from '@hazards/testing/polling';

/*
 * 策略迁移 through the real stack: HTTP, PostgreSQL, Temporal and the real worker. Hazards reported
 * under default-v1 (no deadline for the grading decision) are moved to default-v2 (grading due in
 * 3 working days) by an admin's POST /admin/policy-migrations.
 */
const ROOT = resolve(__dirname, '..', '..');
let ctx: ApiTestContext;
let admin: string;
let county: string;
let temporal: TemporalClientService;
/** A hazard reported before the correction: registered as the API registers one, under the policy given. */
async function reportUnder(policy: Policy, enterpriseId: string): Promise<string> {
  const [e]: { grid_path: string }[] = await ctx.ds.query(
    'select j.path as grid_path from enterprises e join jurisdictions j on j.id = e.grid_id where e.id = $1',
    [enterpriseId],
  );
  const h = {
    hazardId: randomUUID(),
    enterpriseId,
    gridPath: e.grid_path,
    source: '企业自查' as const,
    description: '配电室绝缘垫破损',
    reportedBy: { userId: 'u-ent', role: 'enterprise' as const, name: '安全员' },
    reportedAt: new Date().toISOString(),
    policy,
  };
  await ctx.ds.transaction(async (m) => {
    await insertReportedRow(m, h);
    await startLifecycle(temporal.client, temporal.taskQueue, h);
  });
  await waitFor(
    `hazard ${h.hazardId} recorded`,
    async () => (await ctx.ds.query('select last_seq from hazards where id = $1', [h.hazardId]))[0]?.last_seq >= 1,
  );
  return h.hazardId;
}

const hazard = async (id: string) => (await ctx.api.call('GET', `/hazards/${id}`, { token: admin })).body;
const migrate = (body: Record<string, unknown>, token = admin) => ctx.api.call('POST', '/admin/policy-migrations', { token, body });
const runs = async () => Number((await ctx.ds.query('select count(*)::int as n from policy_migrations'))[0].n);
const migratedSteps = async (id: string) =>
  Number(
    (await ctx.ds.query(`select count(*)::int as n from hazard_history where hazard_id = $1 and step = 'policy_migrated'`, [id]))[0].n,
  );

let inA: string[];
let inB: string;
let alreadyV2: string;
beforeAll(async () => {
  ctx = await startApiTestContext();
  temporal = ctx.app.get(TemporalClientService);
  [admin, county] = await Promise.all([
    ctx.api.login(ctx.tree.users.admin, TEST_PASSWORD),
    ctx.api.login(ctx.tree.users.countyA, TEST_PASSWORD),
  ]);
  const ids = await Promise.all([
    reportUnder(POLICY_V1, ctx.tree.id.entA),
    reportUnder(POLICY_V1, ctx.tree.id.entA),
    reportUnder(POLICY_V1, ctx.tree.id.entB),
    reportUnder(DEFAULT_POLICY, ctx.tree.id.entA),
  ]);
  inA = ids.slice(0, 2).sort();
  [inB, alreadyV2] = ids.slice(2);
}, 60_000);
afterAll(async () => ctx?.stop());

describe('an admin moves running hazards to a newer policy version (策略迁移)', () => {
  it('refuses a non-admin, an unknown version and a backwards move, and changes nothing', async () => {
    const before = await runs();
    const byCounty = await migrate({ to: 'default-v2', jurisdiction: ctx.tree.id.countyA }, county);
    expect(byCounty.status).toBe(403);
    expect(byCounty.body).toMatchObject({ code: expect.any(String), message: expect.any(String), messageEn: expect.any(String) });
    expect((await migrate({ to: 'default-v9' })).body).toMatchObject({
      statusCode: 422,
      code: 'unknown_policy_version',
      field: 'to',
      message: expect.stringContaining('default-v9'),
    });
    expect((await migrate({ to: 'default-v1', from: 'default-v2' })).body).toMatchObject({
      statusCode: 422,
      code: 'policy_not_newer',
      field: 'to',
    });
    expect((await migrate({ to: 'default-v2', jurisdiction: 'no-such-place' })).body).toMatchObject({
      statusCode: 422,
      code: 'unknown_jurisdiction',
      field: 'jurisdiction',
    });
    expect(await runs()).toBe(before);
    expect((await hazard(inA[0])).policyVersion).toBe('default-v1');
  });

  it('a dry run counts the running hazards it would move and changes nothing', async () => {
    const before = await runs();
    const r = await migrate({ to: 'default-v2', jurisdiction: ctx.tree.id.countyA, dryRun: true });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      migrationId: null,
      dryRun: true,
      fromVersions: ['default-v1'],
      toVersion: 'default-v2',
      wouldMigrate: { total: 2, byVersion: [{ version: 'default-v1', status: 'reported', count: 2 }], sample: inA },
    });
    expect(await runs()).toBe(before);
    const h = await hazard(inA[0]);
    expect(h.policyVersion).toBe('default-v1');
    expect(h.detail.deadlines.decisionDue ?? null).toBeNull();
  });

  it('moves the jurisdiction’s v1 hazards to v2 with their grading deadline planned, records the run and each result, and a re-run is a no-op', async () => {
    const sent = new Date().toISOString();
    const r = await migrate({
      to: 'default-v2',
      jurisdiction: ctx.tree.id.countyA,
      reason: '省厅更正 / the province corrected the policy',
      batchSize: 1,
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      dryRun: false,
      resumed: false,
      status: 'completed',
      counts: { selected: 2, migrated: 2, already_current: 0, closed: 0, refused: 0 },
    });
    const runId = r.body.migrationId as string;

    for (const id of inA) {
      const h = await hazard(id);
      expect(h.policyVersion).toBe('default-v2');
      const step = h.timeline.find((t: { step: string }) => t.step === 'policy_migrated');
      expect(step).toMatchObject({
        reason: '省厅更正 / the province corrected the policy',
        data: { migrationId: runId, fromVersion: 'default-v1', toVersion: 'default-v2' },
      });
      // default-v2 gives the grading decision 3 working days, counted from the migration (between the request and its step).
      const due = Date.parse(h.detail.deadlines.decisionDue);
      expect(due).toBeGreaterThanOrEqual(addWorkingDays(sent, 3).getTime());
      expect(due).toBeLessThanOrEqual(addWorkingDays(step.at, 3).getTime());
    }
    // Outside the jurisdiction, and already on v2: untouched.
    expect((await hazard(inB)).policyVersion).toBe('default-v1');
    expect(await migratedSteps(alreadyV2)).toBe(0);

    const detail = (await ctx.api.call('GET', `/admin/policy-migrations/${runId}`, { token: admin })).body;
    expect(detail).toMatchObject({
      toVersion: 'default-v2',
      jurisdictionId: ctx.tree.id.countyA,
      requestedBy: expect.any(String),
      via: 'api',
      status: 'completed',
      counts: { migrated: 2 },
    });
    expect(detail.hazards.map((x: { hazardId: string; result: string }) => [x.hazardId, x.result])).toEqual(
      inA.map((id) => [id, 'migrated']),
    );
    const audit: { event_type: string }[] = await ctx.ds.query(
      `select event_type from audit_log where object_type = 'policy_migration' and object_id = $1 order by id`,
      [runId],
    );
    expect(audit.map((a) => a.event_type)).toEqual(['policy.migration_started', 'policy.migration_completed']);
    expect((await ctx.api.call('GET', `/admin/policy-migrations/${runId}`, { token: county })).status).toBe(403);

    const again = await migrate({ to: 'default-v2', jurisdiction: ctx.tree.id.countyA });
    expect(again.body).toMatchObject({ resumed: false, counts: { selected: 0, migrated: 0 } });
    for (const id of inA) expect(await migratedSteps(id)).toBe(1);
  });

  it('a run stopped after sending an update, before recording its result, resumes without migrating twice', async () => {
    // The state a kill leaves: the run recorded, the hazard claimed, its update delivered, its result not yet written.
    const repo = new PolicyMigrationsRepository(ctx.ds);
    const run = await ctx.ds.transaction((tx) =>
      repo.create(tx, {
        fromVersion: null,
        toVersion: 'default-v2',
        jurisdictionId: ctx.tree.id.countyB,
        reason: '中断的迁移 / an interrupted run',
        requestedBy: 'cli',
        requestedByName: 'cli',
        via: 'cli',
      }),
    );
    expect(await repo.claimPage(run.id, { fromVersions: ['default-v1'], jurisdictionId: ctx.tree.id.countyB }, '', 10)).toEqual([
      { hazardId: inB, fromVersion: 'default-v1' },
    ]);
    await temporal.client.workflow.getHandle(`hazard-${inB}`).executeUpdate(migratePolicyUpdate, {
      updateId: `policy-migration-${run.id}-${inB}`,
      args: [{ actor: { userId: 'cli', role: 'admin', name: 'cli' }, policy: DEFAULT_POLICY, reason: run.reason, migrationId: run.id }],
    });

    const r = await migrate({ to: 'default-v2', jurisdiction: ctx.tree.id.countyB });
    expect(r.body).toMatchObject({ migrationId: run.id, resumed: true, status: 'completed', counts: { selected: 1, migrated: 1 } });
    expect(await migratedSteps(inB)).toBe(1);
    expect((await hazard(inB)).policyVersion).toBe('default-v2');
  });
});

describe('the same migration from the command line (npm run cli -- policy migrate)', () => {
  // What an admin's shell has: the database and Temporal (the test stack's, from the environment).
  const cli = (args: string[]) =>
    promisify(execFile)(process.execPath, [join(ROOT, 'dist/apps/cli/src/main.js'), 'policy', 'migrate', ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn' },
      cwd: ROOT,
    });

  it('counts with --dry-run, refuses a non-admin user with exit code 1, migrates', async () => {
    const id = await reportUnder(POLICY_V1, ctx.tree.id.entB);
    const dry = await cli(['--to', 'default-v2', '--jurisdiction', ctx.tree.id.townB, '--dry-run']);
    expect(dry.stdout).toContain('running hazards that would move: 1');
    expect((await hazard(id)).policyVersion).toBe('default-v1');

    await expect(cli(['--to', 'default-v2', '--jurisdiction', ctx.tree.id.townB, '--user', ctx.tree.users.townB])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Only an admin'),
    });
    expect((await hazard(id)).policyVersion).toBe('default-v1');

    const done = await cli(['--to', 'default-v2', '--jurisdiction', ctx.tree.id.townB, '--reason', '命令行迁移 / from the CLI']);
    expect(done.stdout).toMatch(/selected 1 .*migrated 1 /);
    expect((await hazard(id)).policyVersion).toBe('default-v2');
    const [run]: { via: string; status: string }[] = await ctx.ds.query(
      `select via, status from policy_migrations where jurisdiction_id = $1 order by started_at desc limit 1`,
      [ctx.tree.id.townB],
    );
    expect(run).toEqual({ via: 'cli', status: 'completed' });
  });
});
