import type { DataSource } from 'typeorm';
import { startApiTestContext, type ApiTestContext } from '@hazards/testing/api/api-test-context';
import { TEST_PASSWORD, type ReferenceTree } from '@hazards/testing/fixtures/reference-tree';

/*
 * Every answer carries the browser protections (helmet); an answer for a logged-in user is never
 * cached; what an admin changes through the queue board is in the audit log.
 */

let ctx: ApiTestContext;
let ds: DataSource;
let api: ApiTestContext['api'];
let tree: ReferenceTree;

beforeAll(async () => {
  ctx = await startApiTestContext({ worker: false });
  ({ ds, api, tree } = ctx);
});
afterAll(async () => ctx?.stop());

it('sends the helmet headers on every answer, and Cache-Control: no-store on authenticated ones', async () => {
  const token = await api.login(tree.users.city, TEST_PASSWORD);
  for (const r of [await api.call('GET', '/health'), await api.call('GET', '/hazards'), await api.call('GET', '/auth/me', { token })]) {
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(r.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(r.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(r.headers.get('x-powered-by')).toBeNull();
  }
  expect((await api.call('GET', '/auth/me', { token })).headers.get('cache-control')).toBe('no-store');
  expect((await api.call('GET', `/hazards?jurisdictionId=${tree.id.city}`, { token })).headers.get('cache-control')).toBe('no-store');
});

it("audits an admin's write through the queue board, with its outcome", async () => {
  const token = await api.login(tree.users.admin, TEST_PASSWORD);
  const r = await api.call('PUT', '/admin/queues/api/queues/dead-letters/no-such-job/retry', { token });
  expect(r.status).toBeGreaterThanOrEqual(400);
  const rows = async () =>
    ds.query(
      `select event_type, result, username, http_status from audit_log where event_type like 'queue-board PUT %' and username = $1`,
      [tree.users.admin],
    );
  for (let i = 0; i < 20 && !(await rows()).length; i++) await new Promise((ok) => setTimeout(ok, 100));
  expect(await rows()).toEqual([
    {
      event_type: 'queue-board PUT /admin/queues/api/queues/dead-letters/no-such-job/retry',
      result: 'failure',
      username: tree.users.admin,
      http_status: r.status,
    },
  ]);
  // Reading the board is not a write: no row.
  await api.call('GET', '/admin/queues/api/queues', { token });
  expect((await rows()).length).toBe(1);
});
