import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { missingFilings, remindMissingFilings } from '../../apps/api/src/statistics/filing.service';
import { filingPeriod, periodsDueBy, shanghaiToday } from '@hazards/domain/statistics/filing-periods';
import { apiClient } from '@hazards/testing/api/http-client';
import { TEST_PASSWORD } from '@hazards/testing/fixtures/reference-tree';
import { openTestDataSource } from '@hazards/testing/stack/test-database';
import { startApi } from '@hazards/testing/api/api-app';
import { createStatisticsTree, type StatisticsTree } from '@hazards/testing/fixtures/statistics-tree';

const AS_OF = '2026-11-28';
const FIGURES = { hazardsFound: 12, majorFound: 1, rectified: 10, majorRectified: 1, fundsYuan: 35000 };

describe('enterprise statistics filings (季报 by the 15th of the next month, 年报 by 31 January)', () => {
  let ds: DataSource;
  let app: INestApplication;
  let api: ReturnType<typeof apiClient>;
  let tree: StatisticsTree;
  /** Enterprises registered before 2025: they owe every period in the window. */
  let owing: string[];

  beforeAll(async () => {
    ds = await openTestDataSource();
    tree = await createStatisticsTree(ds);
    owing = tree.enterprises.slice(0, 3).map((e) => e.id);
    await ds.query(`update enterprises set created_at = '2024-12-01T00:00:00+08:00' where id = any($1)`, [owing]);
    const started = await startApi();
    app = started.app;
    api = apiClient(started.baseUrl);
  });

  afterAll(async () => {
    await app?.close();
    await ds?.destroy();
  });

  it('knows the due dates', () => {
    expect(filingPeriod('quarter', 2026, 1).dueOn).toBe('2026-04-15');
    expect(filingPeriod('quarter', 2026, 4).dueOn).toBe('2027-01-15');
    expect(filingPeriod('annual', 2026).dueOn).toBe('2027-01-31');
    expect(periodsDueBy(AS_OF).map((p) => p.key)).toEqual(['2026-Q3', '2026-Q2', '2026-Q1', '2025-Y', '2025-Q4']);
    expect(periodsDueBy('2026-04-15').map((p) => p.key)).not.toContain('2026-Q1'); // due today: not late yet
  });

  it('takes a filing signed by the principal, once, and refuses what is wrong', async () => {
    const ent = await api.login(tree.users.ent0, TEST_PASSWORD);
    const ok = await api.call('POST', '/filings', {
      token: ent,
      body: { periodKind: 'quarter', year: 2026, quarter: 3, figures: FIGURES, signedByName: '负责人0' },
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      period: '2026-Q3',
      dueOn: '2026-10-15',
      late: shanghaiToday() > '2026-10-15',
      signedByName: '负责人0',
    });
    expect(Math.abs(Date.parse(ok.body.signedAt) - Date.now())).toBeLessThan(60_000);
    const again = await api.call('POST', '/filings', {
      token: ent,
      body: { periodKind: 'quarter', year: 2026, quarter: 3, figures: FIGURES, signedByName: '负责人0' },
    });
    expect(again.body.code).toBe('already_filed');
    const wrongSigner = await api.call('POST', '/filings', {
      token: ent,
      body: { periodKind: 'quarter', year: 2026, quarter: 2, figures: FIGURES, signedByName: '安全员' },
    });
    expect([wrongSigner.status, wrongSigner.body.code]).toEqual([422, 'signer_not_principal']);
    const noQuarter = await api.call('POST', '/filings', {
      token: ent,
      body: { periodKind: 'quarter', year: 2026, figures: FIGURES, signedByName: '负责人0' },
    });
    expect([noQuarter.status, noQuarter.body.field]).toEqual([400, 'quarter']);
    const future = await api.call('POST', '/filings', {
      token: ent,
      body: { periodKind: 'annual', year: 2030, figures: FIGURES, signedByName: '负责人0' },
    });
    expect(future.body.code).toBe('period_not_ended');
    const inconsistent = await api.call('POST', '/filings', {
      token: ent,
      body: { periodKind: 'annual', year: 2025, figures: { ...FIGURES, rectified: 13 }, signedByName: '负责人0' },
    });
    expect(inconsistent.body.code).toBe('figures_inconsistent');
    const unsigned = await api.call('POST', '/filings', { token: ent, body: { periodKind: 'annual', year: 2025, figures: FIGURES } });
    expect([unsigned.status, unsigned.body.field]).toEqual([400, 'signedByName']);
    const supervisor = await api.login(tree.users.xian, TEST_PASSWORD);
    expect(
      (
        await api.call('POST', '/filings', {
          token: supervisor,
          body: { periodKind: 'annual', year: 2025, figures: FIGURES, signedByName: '负责人0' },
        })
      ).status,
    ).toBe(403);
    const mine = await api.call('GET', '/filings', { token: ent });
    expect(mine.body.map((f: { period: string }) => f.period)).toEqual(['2026-Q3']);
    expect((await api.call('GET', '/filings', { token: supervisor })).body.map((f: { enterpriseId: string }) => f.enterpriseId)).toEqual([
      tree.enterprises[0].id,
    ]);
  });

  it("lists missing filings in the supervisor's subtree (for the work queue)", async () => {
    const periods = periodsDueBy(AS_OF).map((p) => p.key);
    const expected = owing
      .flatMap((e) => periods.map((p) => `${e}:${p}`))
      .filter((k) => k !== `${owing[0]}:2026-Q3`)
      .sort();
    const city = await api.login(tree.users.city, TEST_PASSWORD);
    const all = await api.call('GET', `/filings/missing?asOf=${AS_OF}`, { token: city });
    expect(all.status).toBe(200);
    expect(all.body.map((m: { enterpriseId: string; period: string }) => `${m.enterpriseId}:${m.period}`).sort()).toEqual(expected);
    // The county sees its own enterprises only (enterprises 0 and 1 lie in 甲县).
    const xian = await api.login(tree.users.xian, TEST_PASSWORD);
    const county = await api.call('GET', `/filings/missing?asOf=${AS_OF}`, { token: xian });
    expect(new Set(county.body.map((m: { enterpriseId: string }) => m.enterpriseId))).toEqual(new Set(owing.slice(0, 2)));
    // The function the work queue calls gives the same.
    const cityPath = `/${tree.city.id}/`;
    expect((await missingFilings(ds, cityPath, AS_OF)).length).toBe(expected.length);
  });

  it('reminds once per enterprise and period through the outbox (filing.missing)', async () => {
    const cityPath = `/${tree.city.id}/`;
    const first = await remindMissingFilings(ds, AS_OF, cityPath);
    expect(first).toEqual({ missing: 14, reminded: 14 });
    const second = await remindMissingFilings(ds, AS_OF, cityPath);
    expect(second).toEqual({ missing: 14, reminded: 0 });
    const events: { type: string; hazard_id: string; payload: { enterpriseId: string; period: string; dueOn: string } }[] = await ds.query(
      `select type, hazard_id, payload from outbox_events where type = 'filing.missing' and payload->>'enterpriseId' = any($1) order by event_id`,
      [owing],
    );
    expect(events).toHaveLength(14);
    expect(events[0].hazard_id).toBe(`enterprise:${events[0].payload.enterpriseId}`);
    expect(events.find((e) => e.payload.period === '2025-Y')!.payload.dueOn).toBe('2026-01-31');
    // The admin route runs the same check everywhere.
    const admin = await api.login(tree.users.admin, TEST_PASSWORD);
    const routed = await api.call('POST', `/filings/reminders?asOf=${AS_OF}`, { token: admin });
    expect(routed.status).toBe(200);
    expect(
      (
        await ds.query(
          `select count(*)::int as n from outbox_events where type = 'filing.missing' and payload->>'enterpriseId' = any($1)`,
          [owing],
        )
      )[0].n,
    ).toBe(14);
  });
});
