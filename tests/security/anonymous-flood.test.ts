import type { DataSource } from 'typeorm';
import { startApiTestContext, type ApiTestContext } from '@hazards/testing/api/api-test-context';

/*
 * Anyone can send requests without a token by the thousand (the issue saw 3,000 add 3,000 sealed rows). They are refused and counted per
 * minute and source address; the permanent, sealed audit log does not grow with them.
 */

let ctx: ApiTestContext;
let ds: DataSource;
let api: ApiTestContext['api'];

beforeAll(async () => {
  ctx = await startApiTestContext({ worker: false });
  ({ ds, api } = ctx);
});
afterAll(async () => ctx?.stop());

it('a thousand anonymous requests add no audit row and are counted for their source', async () => {
  const source = '203.0.113.77';
  const auditRows = async () => Number((await ds.query(`select count(*) as n from audit_log where source_ip = $1`, [source]))[0].n);
  const counted = async () =>
    Number((await ds.query(`select coalesce(sum(count), 0) as n from refusal_counts where source_ip = $1`, [source]))[0].n);
  let next = 0;
  const statuses = new Set<number>();
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next < 1000) {
        const i = next++;
        const r = await api.call(i % 3 ? 'GET' : 'POST', i % 3 ? '/hazards' : '/hazards/00000000-0000-4000-8000-000000000000/grade', {
          headers: { 'x-forwarded-for': source },
          body: i % 3 ? undefined : {},
        });
        statuses.add(r.status);
      }
    }),
  );
  expect([...statuses]).toEqual([401]);
  for (let i = 0; i < 40 && (await counted()) < 1000; i++) await new Promise((ok) => setTimeout(ok, 250));
  expect(await counted()).toBe(1000);
  expect(await auditRows()).toBe(0);
});
