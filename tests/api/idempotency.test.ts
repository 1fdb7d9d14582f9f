import type { DataSource } from 'typeorm';
import { startApiTestContext, type ApiTestContext } from '@hazards/testing/api/api-test-context';
import { hazardIn, MAJOR_GRADING, HazardParties } from '@hazards/testing/fixtures/hazard-states';
import { eventCount, stepCount } from '@hazards/testing/fixtures/recorded-rows';
import { inBatches } from '@hazards/testing/pool';
import { apiClient } from '@hazards/testing/api/http-client';
import { ReferenceTree, TEST_PASSWORD } from '@hazards/testing/fixtures/reference-tree';

/*
 * A supervisor on a bad connection presses "grade" and the answer never arrives; the app retries
 * with the same Idempotency-Key. The retry gets the first answer, marked as replayed, and the
 * hazard is graded once: one history step, one event.
 */

let ds: DataSource;
let ctx: ApiTestContext;
let tree: ReferenceTree;
let api: ReturnType<typeof apiClient>;
let county: string;
let city: string;
let enterprise: string;
const reported: string[] = [];

beforeAll(async () => {
  ctx = await startApiTestContext();
  ({ ds, tree } = ctx);
  api = ctx.api;
  [county, city, enterprise] = [
    await api.login(tree.users.countyA, TEST_PASSWORD),
    await api.login(tree.users.city, TEST_PASSWORD),
    await api.login(tree.users.entA, TEST_PASSWORD),
  ];
  const parties: HazardParties = { enterpriseId: tree.id.entA, enterprise, county, township: '' };
  reported.push(...(await inBatches([1, 2, 3, 4, 5], 5, async () => (await hazardIn(api, parties, 'reported')).id)));
}, 120_000);

afterAll(async () => {
  await ctx?.stop();
});

const grade = (id: string, key?: string, body: unknown = MAJOR_GRADING, token = county) =>
  api.call('POST', `/hazards/${id}/grade`, { token, body, headers: key ? { 'Idempotency-Key': key } : {} });
const steps = (id: string, step: string) => stepCount(ds, id, step);
const events = (id: string, type: string) => eventCount(ds, id, type);

describe('retrying an action with the same Idempotency-Key', () => {
  it('returns the first answer, marked as replayed, and grades the hazard once', async () => {
    const id = reported[0];
    const key = `grade-${id}`;
    const first = await grade(id, key);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('awaiting_listing');
    expect(first.headers.get('idempotent-replayed')).toBeNull();

    const retry = await grade(id, key);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');

    expect(await steps(id, 'graded')).toBe(1);
    expect(await events(id, 'hazard.graded')).toBe(1);
  });

  it('grades once when the same request arrives twice at the same moment', async () => {
    const id = reported[1];
    const key = `grade-twice-${id}`;
    const answers = await Promise.all([grade(id, key), grade(id, key)]);
    // One ran; the other got its answer replayed, or was told the same request is still running.
    expect(answers.map((a) => a.status).sort()).toEqual(expect.arrayContaining([200]));
    for (const a of answers) expect([200, 409]).toContain(a.status);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.code).toBe('request_in_progress');
    expect(await steps(id, 'graded')).toBe(1);
    expect(await events(id, 'hazard.graded')).toBe(1);
  });

  it('refuses the same key with a different request (422) and does nothing', async () => {
    const id = reported[2];
    const key = `grade-changed-${id}`;
    expect((await grade(id, key)).status).toBe(200);
    const changed = await grade(id, key, { ...MAJOR_GRADING, accidentType: '火灾' });
    expect(changed.status).toBe(422);
    expect(changed.body).toMatchObject({
      code: 'idempotency_key_reused',
      field: 'Idempotency-Key',
      messageEn: expect.stringMatching(/different request/),
    });
    const other = await api.call('POST', `/hazards/${id}/listing`, {
      token: county,
      body: { level: 'county', authority: '甲县人民政府', leadDepartment: '甲县应急管理局' },
      headers: { 'Idempotency-Key': key },
    });
    expect(other.status).toBe(422);
    expect((await api.call('GET', `/hazards/${id}`, { token: county })).body).toMatchObject({
      status: 'awaiting_listing',
      accidentType: MAJOR_GRADING.accidentType,
    });
    expect(await steps(id, 'listed')).toBe(0);
  });

  it('without a key, a repeat is a new request, which the workflow refuses as illegal now (409)', async () => {
    const id = reported[3];
    expect((await grade(id)).status).toBe(200);
    const again = await grade(id);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('wrong_state');
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(await steps(id, 'graded')).toBe(1);
  });

  it('does not use up a key on a refused request: the corrected request with the key runs', async () => {
    const id = reported[4];
    const key = `grade-fixed-${id}`;
    const bad = await grade(id, key, { ...MAJOR_GRADING, criterion: undefined });
    expect(bad.status).toBe(422);
    const fixed = await grade(id, key);
    expect(fixed.status).toBe(200);
    expect(fixed.headers.get('idempotent-replayed')).toBeNull();
    expect(await steps(id, 'graded')).toBe(1);
  });

  it("keeps each user's keys apart: the same key from the city is the city's own request", async () => {
    const key = `shared-key-${tree.suffix}`;
    const parties: HazardParties = { enterpriseId: tree.id.entA, enterprise, county, township: '' };
    const [a, b] = [(await hazardIn(api, parties, 'reported')).id, (await hazardIn(api, parties, 'reported')).id];
    expect((await grade(a, key, MAJOR_GRADING, county)).status).toBe(200);
    const byCity = await grade(b, key, { ...MAJOR_GRADING, grade: 'general', criterion: undefined }, city);
    expect(byCity.status).toBe(200);
    expect(byCity.headers.get('idempotent-replayed')).toBeNull();
    expect(byCity.body.status).toBe('rectifying');
  });

  it('reports a hazard once when the enterprise retries the report with its key', async () => {
    const key = `report-${tree.suffix}`;
    const body = { enterpriseId: tree.id.entA, source: '企业自查', description: '液氨储罐安全阀未定期校验' };
    const first = await api.call('POST', '/hazards', { token: enterprise, body, headers: { 'Idempotency-Key': key } });
    const retry = await api.call('POST', '/hazards', { token: enterprise, body, headers: { 'Idempotency-Key': key } });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.hazardId).toBe(first.body.hazardId);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const rows = await ds.query(`select count(*)::int as n from hazards where enterprise_id = $1 and description = $2`, [
      tree.id.entA,
      body.description,
    ]);
    expect(rows[0].n).toBe(1);
  });
});
