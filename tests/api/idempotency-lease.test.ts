import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { hazardWorkflowId } from '@hazards/domain/hazard/hazard-workflow-id';
import { TemporalClientService } from '@hazards/temporal/temporal-client.module';
import { startApiTestContext, type ApiTestContext } from '@hazards/testing/api/api-test-context';
import { hazardIn, MAJOR_GRADING, type HazardParties } from '@hazards/testing/fixtures/hazard-states';
import { eventCount, stepCount } from '@hazards/testing/fixtures/recorded-rows';
import { apiClient } from '@hazards/testing/api/http-client';
import { ReferenceTree, TEST_PASSWORD } from '@hazards/testing/fixtures/reference-tree';
import { waitFor } from '@hazards/testing/polling';

/*
 * An API instance is killed while it runs a request sent with an Idempotency-Key: the key stays
 * claimed "in progress" with no answer. The client retries with the same key. Within the claim's
 * lease it is told to retry later (409, Retry-After); after the lease the retry takes the claim
 * over and gets an answer, and the request has happened exactly once, whether the killed instance
 * had committed it or not. A killed instance is a claim left as it was: the row is set back (or
 * written) the way the instance left it, its claim an hour old (the lease is 60 s).
 */

let ds: DataSource;
let ctx: ApiTestContext;
let tree: ReferenceTree;
let api: ReturnType<typeof apiClient>;
let county: string;
let countyUserId: string;
let parties: HazardParties;

beforeAll(async () => {
  ctx = await startApiTestContext();
  ({ ds, tree, api } = ctx);
  county = await api.login(tree.users.countyA, TEST_PASSWORD);
  parties = { enterpriseId: tree.id.entA, enterprise: await api.login(tree.users.entA, TEST_PASSWORD), county, township: '' };
  countyUserId = (await ds.query('select id from users where username = $1', [tree.users.countyA]))[0].id;
}, 120_000);

afterAll(async () => {
  await ctx?.stop();
});

const grade = (id: string, key: string) =>
  api.call('POST', `/hazards/${id}/grade`, { token: county, body: MAJOR_GRADING, headers: { 'Idempotency-Key': key } });
const steps = (id: string, step: string) => stepCount(ds, id, step);
const events = (id: string, type: string) => eventCount(ds, id, type);

/** What a killed instance leaves behind: the key claimed, no answer stored, the claim `ago` old. */
async function leftInProgress(key: string, ago: string): Promise<void> {
  await ds.query(`update idempotency_keys set status = null, response = null, claimed_at = now() - $2::interval where key = $1`, [
    key,
    ago,
  ]);
  const rows = await ds.query('select count(*)::int as n from idempotency_keys where key = $1 and status is null', [key]);
  expect(rows[0].n).toBe(1);
}

/** A claim written the way the interceptor writes it, by an instance killed before its request ran. */
async function claimedBeforeRun(id: string, key: string, ago: string): Promise<void> {
  const route = `POST /hazards/${id}/grade`;
  const hash = createHash('sha256').update(route).update('\n').update(JSON.stringify(MAJOR_GRADING)).digest('hex');
  await ds.query(
    `insert into idempotency_keys (user_id, key, route, request_hash, claimed_at) values ($1, $2, $3, $4, now() - $5::interval)`,
    [countyUserId, key, route, hash, ago],
  );
}

describe('an Idempotency-Key left "in progress" by a killed API instance', () => {
  it('within the lease, a retry is told the request is still in progress and when to retry, and nothing runs', async () => {
    const { id } = await hazardIn(api, parties, 'reported');
    const key = `lease-fresh-${id}`;
    await claimedBeforeRun(id, key, '1 second');
    const retry = await grade(id, key);
    expect(retry.status).toBe(409);
    expect(retry.body).toMatchObject({
      code: 'request_in_progress',
      message: expect.stringMatching(/正在处理/),
      messageEn: expect.stringMatching(/still being processed/),
    });
    const after = Number(retry.headers.get('retry-after'));
    expect(after).toBeGreaterThanOrEqual(1);
    expect(after).toBeLessThanOrEqual(60);
    expect(await steps(id, 'graded')).toBe(0);
  });

  it('killed before its request ran: after the lease the retry takes the claim over and grades the hazard, once', async () => {
    const { id } = await hazardIn(api, parties, 'reported');
    const key = `lease-before-${id}`;
    await claimedBeforeRun(id, key, '1 hour');
    const retry = await grade(id, key);
    expect(retry.status).toBe(200);
    expect(retry.body.status).toBe('awaiting_listing');
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    const again = await grade(id, key);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(retry.body);
    expect(await steps(id, 'graded')).toBe(1);
    expect(await events(id, 'hazard.graded')).toBe(1);
  });

  it('killed after the grading committed, before its answer was stored: the retry gets the same answer and the hazard is graded once', async () => {
    const { id } = await hazardIn(api, parties, 'reported');
    const key = `lease-after-${id}`;
    const first = await grade(id, key);
    expect(first.status).toBe(200);
    await leftInProgress(key, '1 hour');

    const retry = await grade(id, key);
    expect(retry.status).toBe(200);
    // The same update id: Temporal answers with the first outcome instead of running the grading again.
    expect(retry.body).toEqual(first.body);
    expect(await steps(id, 'graded')).toBe(1);
    expect(await events(id, 'hazard.graded')).toBe(1);
  });

  it('killed after an action that ended the lifecycle, before its answer was stored: the retry gets that answer, not 409', async () => {
    const { id } = await hazardIn(api, parties, 'reported');
    const key = `lease-final-${id}`;
    const withdraw = () =>
      api.call('POST', `/hazards/${id}/withdrawal`, {
        token: county,
        body: { kind: 'false', reason: '核实为误报（租约测试）' },
        headers: { 'Idempotency-Key': key },
      });
    const first = await withdraw();
    expect(first.status).toBe(200);
    const lifecycle = ctx.app.get(TemporalClientService).client.workflow.getHandle(hazardWorkflowId(id));
    await waitFor('the withdrawn lifecycle to finish', async () => (await lifecycle.describe()).status.name === 'COMPLETED');
    await leftInProgress(key, '1 hour');

    const retry = await withdraw();
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(await steps(id, 'withdrawn')).toBe(1);
  });

  it('a report committed by the killed instance is found again by the retry: one hazard, and the client learns its id', async () => {
    const key = `lease-report-${tree.suffix}`;
    const body = { enterpriseId: tree.id.entA, source: '企业自查', description: '液氨储罐区洗眼器失效（租约测试）' };
    const report = () => api.call('POST', '/hazards', { token: parties.enterprise, body, headers: { 'Idempotency-Key': key } });
    const first = await report();
    expect(first.status).toBe(201);
    await leftInProgress(key, '1 hour');

    const retry = await report();
    expect(retry.status).toBe(201);
    expect(retry.body.hazardId).toBe(first.body.hazardId);
    const rows = await ds.query('select count(*)::int as n from hazards where enterprise_id = $1 and description = $2', [
      tree.id.entA,
      body.description,
    ]);
    expect(rows[0].n).toBe(1);
    // The lifecycle writes its first step on its own after the report answers: wait for it, then count.
    await waitFor('the reported step', async () => (await steps(first.body.hazardId, 'reported')) >= 1);
    expect(await steps(first.body.hazardId, 'reported')).toBe(1);
  });

  it('a report retried after its hazard was withdrawn finds the hazard and starts no second lifecycle for it', async () => {
    const key = `lease-withdrawn-${tree.suffix}`;
    const body = { enterpriseId: tree.id.entA, source: '企业自查', description: '配电室绝缘垫缺失（租约测试）' };
    const report = () => api.call('POST', '/hazards', { token: parties.enterprise, body, headers: { 'Idempotency-Key': key } });
    const first = await report();
    expect(first.status).toBe(201);
    const id = first.body.hazardId as string;
    const withdrawn = await api.call('POST', `/hazards/${id}/withdrawal`, { token: county, body: { kind: 'false', reason: '核实为误报' } });
    expect(withdrawn.status).toBe(200);
    const lifecycle = ctx.app.get(TemporalClientService).client.workflow.getHandle(hazardWorkflowId(id));
    await waitFor('the withdrawn lifecycle to finish', async () => (await lifecycle.describe()).status.name === 'COMPLETED');
    const finishedRun = (await lifecycle.describe()).runId;
    await leftInProgress(key, '1 hour');

    const retry = await report();
    expect(retry.status).toBe(201);
    expect(retry.body.hazardId).toBe(id);
    // Still the one finished run: no second lifecycle with its timers and reminders.
    const latest = await lifecycle.describe();
    expect({ status: latest.status.name, runId: latest.runId }).toEqual({ status: 'COMPLETED', runId: finishedRun });
  });
});
