import { DEFAULT_POLICY } from '@hazards/domain/policy/default-policy';
import { download } from '@hazards/testing/api/http-client';
import { startApiTestContext, type ApiTestContext } from '@hazards/testing/api/api-test-context';
import {
  insertRecordedHazards,
  region,
  SHORTER_DEADLINES,
  WHAT_IF_PERIOD,
  whatIfScenario,
} from '@hazards/testing/fixtures/recorded-hazards';
import { TEST_PASSWORD } from '@hazards/testing/fixtures/reference-tree';
import { waitFor } from '@hazards/testing/polling';

describe('POST /simulations (政策推演 as a job): supervisors, over their own subtree', () => {
  let t: ApiTestContext;
  let city: string;
  let townA: string;

  beforeAll(async () => {
    t = await startApiTestContext();
    const { id, suffix } = t.tree;
    // The read model as the workflows left it: two hazards in each county of this file's own tree.
    await insertRecordedHazards(
      t.ds,
      whatIfScenario(region(id.countyA, id.townA, id.city, id.gridA), region(id.countyB, id.townB, id.city, id.gridB), `-${suffix}`),
    );
    city = await t.api.login(t.tree.users.city, TEST_PASSWORD);
    townA = await t.api.login(t.tree.users.townA, TEST_PASSWORD);
  });
  afterAll(() => t.stop());

  const body = (jurisdictionId: string, extra: Record<string, unknown> = {}) => ({
    policy: SHORTER_DEADLINES,
    jurisdictionId,
    ...WHAT_IF_PERIOD,
    ...extra,
  });

  test('a city supervisor runs it: progress is visible, and the report finds the recorded histories overdue under 60 days', async () => {
    const started = await t.api.call('POST', '/simulations', { token: city, body: body(t.tree.id.city) });
    expect(started.status).toBe(202);
    expect(started.body).toEqual(
      expect.objectContaining({
        status: expect.stringMatching(/^(queued|running)$/),
        jurisdictionId: t.tree.id.city,
        policyVersion: 'proposed-county-60',
      }),
    );
    let run: any;
    await waitFor(async () => {
      run = (await t.api.call('GET', `/simulations/${started.body.id}`, { token: city })).body;
      return run.status === 'succeeded' || run.status === 'failed';
    }, 110_000);
    expect(run.error).toBeNull();
    expect(run.status).toBe('succeeded');
    expect(run.progress).toEqual(expect.objectContaining({ phase: 'done', total: expect.any(Number) }));
    expect(run.progress.total).toBeGreaterThanOrEqual(4);
    expect(run.report.hazards).toBe(4);
    expect(run.report.proposed.overdue.count).toBe(2);
    expect(run.report.actual.overdue.count).toBe(0);
    expect(run.report.byRegion).toEqual([
      expect.objectContaining({ region: t.tree.id.countyA, proposedOverdue: 2 }),
      expect.objectContaining({ region: t.tree.id.countyB, proposedOverdue: 0 }),
    ]);
    expect(run.report.skipped.byReason).toContainEqual(expect.objectContaining({ step: 'extension.requested', count: 1 }));

    const md = await download(t.baseUrl, `/simulations/${started.body.id}/report?format=markdown`, city);
    expect(md.status).toBe(200);
    expect(md.body.toString('utf8')).toContain('| 逾期隐患数 / hazards overdue | 0 | 2 |');
    expect(md.body.toString('utf8')).toContain('data:image/svg+xml;base64,');
    const docx = await download(t.baseUrl, `/simulations/${started.body.id}/report?format=docx`, city);
    expect(docx.status).toBe(200);
    expect(docx.body.subarray(0, 2).toString()).toBe('PK');
    // Someone else's run answers as a missing one.
    expect((await t.api.call('GET', `/simulations/${started.body.id}`, { token: townA })).status).toBe(404);
  }, 120_000);

  test('a township supervisor cannot simulate a sibling county (nor the city above)', async () => {
    for (const jurisdictionId of [t.tree.id.countyB, t.tree.id.city]) {
      const r = await t.api.call('POST', '/simulations', { token: townA, body: body(jurisdictionId) });
      expect(r.status).toBe(422);
      expect(r.body).toEqual(expect.objectContaining({ code: 'unknown_jurisdiction', field: 'jurisdictionId' }));
    }
    // Their own township they may (a period with nothing reported: the run has nothing to replay).
    expect(
      (await t.api.call('POST', '/simulations', { token: townA, body: body(t.tree.id.townA, { from: '2020-01-01', to: '2020-02-01' }) }))
        .status,
    ).toBe(202);
  });

  test('bad input answers 4xx naming the field, and nothing is queued', async () => {
    const runs = async () =>
      (await t.ds.query(`select count(*)::int as n from simulation_runs where jurisdiction_id = $1`, [t.tree.id.city]))[0].n;
    const before = await runs();
    const tooLong = await t.api.call('POST', '/simulations', {
      token: city,
      body: body(t.tree.id.city, { from: '2025-01-01', to: '2027-06-01' }),
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body).toEqual(
      expect.objectContaining({ code: 'period_too_long', field: 'to', message: expect.any(String), messageEn: expect.any(String) }),
    );
    const badPolicy = await t.api.call('POST', '/simulations', {
      token: city,
      body: body(t.tree.id.city, { policy: { ...DEFAULT_POLICY, rectification: { ...DEFAULT_POLICY.rectification, maxWorkingDays: 0 } } }),
    });
    expect(badPolicy.status).toBe(422);
    expect(badPolicy.body).toEqual(expect.objectContaining({ code: 'policy_invalid', field: 'policy.rectification.maxWorkingDays' }));
    const huge = await t.api.call('POST', '/simulations', {
      token: city,
      body: body(t.tree.id.city, { policy: { ...DEFAULT_POLICY, basis: ['很长的依据'.repeat(20_000)] } }),
    });
    expect(huge.status).toBe(413);
    expect(huge.body).toEqual(expect.objectContaining({ code: 'policy_too_large', field: 'policy' }));
    expect(await runs()).toBe(before);
  });
});
