import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { workingDaysBetween } from '@hazards/domain/calendar/cn-calendar';
import { apiClient } from '@hazards/testing/api/http-client';
import { TEST_PASSWORD } from '@hazards/testing/fixtures/reference-tree';
import { openTestDataSource } from '@hazards/testing/stack/test-database';
import { hazardSpecs, insertHazards, type HazardSpec } from '@hazards/testing/fixtures/statistics-hazards';
import { startApi } from '@hazards/testing/api/api-app';
import { createStatisticsTree, type StatisticsTree } from '@hazards/testing/fixtures/statistics-tree';

const FROM = '2026-01-01T00:00:00+08:00';
const TO = '2027-01-01T00:00:00+08:00';

/** The expected figures, computed here from the specs without the service's SQL. */
function expected(specs: HazardSpec[], now: number) {
  const open = (h: HazardSpec) => h.status !== 'closed' && h.status !== 'withdrawn';
  const overdue = (h: HazardSpec) => open(h) && !!h.deadline && h.deadline.getTime() < now;
  const closed = specs.filter((h) => h.status === 'closed');
  const onTime = closed.filter((h) => !h.deadline || h.closedAt!.getTime() <= h.deadline.getTime());
  const listed = specs.filter((h) => h.listingLevel && h.status !== 'withdrawn');
  const days = closed.map((h) => workingDaysBetween(h.reportedAt, h.closedAt!)).sort((a, b) => a - b);
  const mid = days.length / 2;
  const countBy = (key: (h: HazardSpec) => string | null) => {
    const m = new Map<string | null, number>();
    for (const h of specs) m.set(key(h), (m.get(key(h)) ?? 0) + 1);
    return m;
  };
  const stages = new Map<number, number>();
  for (const h of specs.filter(overdue)) stages.set(h.escalationStage, (stages.get(h.escalationStage) ?? 0) + 1);
  return {
    totals: {
      found: specs.length,
      withdrawn: specs.filter((h) => h.status === 'withdrawn').length,
      open: specs.filter(open).length,
      overdue: specs.filter(overdue).length,
      closed: closed.length,
      closedOnTime: onTime.length,
      onTimeRate: closed.length ? onTime.length / closed.length : null,
      major: specs.filter((h) => h.grade === 'major').length,
      general: specs.filter((h) => h.grade === 'general').length,
      ungraded: specs.filter((h) => h.grade === null).length,
      listed: listed.length,
    },
    listedByLevel: {
      township: listed.filter((h) => h.listingLevel === 'township').length,
      county: listed.filter((h) => h.listingLevel === 'county').length,
      city: listed.filter((h) => h.listingLevel === 'city').length,
      total: listed.length,
    },
    overdueByStage: [...stages.entries()].sort((a, b) => a[0] - b[0]).map(([stage, count]) => ({ stage, count })),
    timeToClose: {
      closed: days.length,
      medianWorkingDays: days.length === 0 ? null : days.length % 2 ? days[Math.floor(mid)] : (days[mid - 1] + days[mid]) / 2,
      p90WorkingDays: days.length === 0 ? null : days[Math.ceil(0.9 * days.length) - 1],
    },
    production: {
      currentlyStopped: specs.filter((h) => h.productionStopped).length,
      everStopped: specs.filter((h) => h.everStopped).length,
    },
    penalties: {
      count: specs.reduce((n, h) => n + h.penalties.length, 0),
      amountYuan: specs.reduce((n, h) => n + h.penalties.reduce((a, b) => a + b, 0), 0),
    },
    tracings: specs.filter((h) => h.traced).length,
    heavierAccountability: specs.filter((h) => h.heavier).length,
    byIndustry: countBy((h) => h.industry),
    byAccidentType: countBy((h) => h.accidentType),
    byGrade: countBy((h) => h.grade),
    bySource: countBy((h) => h.source),
    overdueOf: (hs: HazardSpec[]) => hs.filter(overdue).length,
  };
}

const asMap = (buckets: { key: string | null; count: number }[]) => new Map(buckets.map((b) => [b.key, b.count]));

describe('statistics of a jurisdiction subtree and period', () => {
  let ds: DataSource;
  let app: INestApplication;
  let api: ReturnType<typeof apiClient>;
  let tree: StatisticsTree;
  let specs: HazardSpec[];
  let inPeriod: HazardSpec[];
  let city: string;
  const now = Date.now();

  beforeAll(async () => {
    ds = await openTestDataSource();
    tree = await createStatisticsTree(ds);
    specs = hazardSpecs(tree, 120, now);
    await insertHazards(ds, specs);
    inPeriod = specs.filter((h) => h.reportedAt.getTime() >= Date.parse(FROM) && h.reportedAt.getTime() < Date.parse(TO));
    const started = await startApi();
    app = started.app;
    api = apiClient(started.baseUrl);
    city = await api.login(tree.users.city, TEST_PASSWORD);
  });

  /** The statistics of the seeded period, for the caller's own jurisdiction unless one is named. */
  const statisticsOfPeriod = (token: string, jurisdictionId?: string) =>
    api.call(
      'GET',
      `/statistics?${jurisdictionId ? `jurisdictionId=${jurisdictionId}&` : ''}reportedFrom=${encodeURIComponent(FROM)}&reportedTo=${encodeURIComponent(TO)}`,
      { token },
    );

  afterAll(async () => {
    await app?.close();
    await ds?.destroy();
  });

  it('gives every figure of the city for 2026 exactly as counted from the seeded hazards', async () => {
    const r = await statisticsOfPeriod(city, tree.city.id);
    expect(r.status).toBe(200);
    const s = r.body;
    const e = expected(inPeriod, now);
    // The spread really covers what is measured.
    expect(inPeriod.length).toBeGreaterThan(80);
    expect(inPeriod.length).toBeLessThan(specs.length);
    expect(e.totals.overdue).toBeGreaterThan(0);
    expect(e.overdueByStage.length).toBeGreaterThan(1);
    expect(e.totals.closedOnTime).toBeGreaterThan(0);
    expect(e.totals.closedOnTime).toBeLessThan(e.totals.closed);

    expect(s.totals).toEqual(e.totals);
    expect(s.listedByLevel).toEqual(e.listedByLevel);
    expect(s.overdueByStage.map((o: { stage: number; count: number }) => ({ stage: o.stage, count: o.count }))).toEqual(e.overdueByStage);
    expect({ ...s.timeToClose, q: undefined }).toEqual({ ...e.timeToClose, q: undefined });
    expect(s.production).toEqual(e.production);
    expect(s.penalties.count).toBe(e.penalties.count);
    expect(s.penalties.amountYuan).toBeCloseTo(e.penalties.amountYuan, 2);
    expect(s.tracings).toBe(e.tracings);
    expect(s.heavierAccountability).toBe(e.heavierAccountability);
    expect(asMap(s.byIndustry)).toEqual(e.byIndustry);
    expect(asMap(s.byAccidentType)).toEqual(e.byAccidentType);
    expect(asMap(s.byGrade)).toEqual(e.byGrade);
    expect(asMap(s.bySource)).toEqual(e.bySource);
    expect(s.quotaYear).toBe(2026);

    // One level down: the three county-level regions, with their quotas.
    expect(s.byRegion.map((x: { id: string }) => x.id)).toEqual(tree.counties.map((c) => c.id).sort());
    for (const region of s.byRegion) {
      const mine = inPeriod.filter((h) => h.path[1] === region.id);
      const ex = expected(mine, now);
      expect(region.found).toBe(mine.length);
      expect(region.withdrawn).toBe(ex.totals.withdrawn);
      expect(region.open).toBe(ex.totals.open);
      expect(region.overdue).toBe(ex.totals.overdue);
      expect(region.closed).toBe(ex.totals.closed);
      expect(region.closedOnTime).toBe(ex.totals.closedOnTime);
      expect(region.listed).toEqual(ex.listedByLevel);
      expect(region.overdueRate).toBeCloseTo(ex.totals.overdue / (mine.length - ex.totals.withdrawn), 10);
    }
    // Ranking: worst overdue rate first.
    const rates = s.ranking.map((x: { overdueRate: number }) => x.overdueRate);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    expect(s.ranking.map((x: { rank: number }) => x.rank)).toEqual([1, 2, 3]);
  });

  it('flags regions below their listing quota; quotas are data (a rule per kind, a row per region and year)', async () => {
    const s = (await statisticsOfPeriod(city, tree.city.id)).body;
    const byId = new Map(s.byRegion.map((x: { id: string }) => [x.id, x]));
    const [xian, qu, kfq] = tree.counties.map(
      (c) => byId.get(c.id) as { quota: number | null; belowQuota: boolean | null; listed: { total: number } },
    );
    expect(xian.quota).toBe(30); // 县: the seed's rule
    expect(xian.listed.total).toBeLessThan(30);
    expect(xian.belowQuota).toBe(true);
    expect(qu.quota).toBe(3); // 区: rule 25, overridden by this region's 2026 row
    expect(qu.listed.total).toBeGreaterThanOrEqual(3);
    expect(qu.belowQuota).toBe(false);
    expect(kfq.quota).toBeNull(); // 开发区: no rule
    expect(kfq.belowQuota).toBeNull();
    // Another year: the row no longer applies, the rule (25) does.
    const s25 = (await api.call('GET', `/statistics?jurisdictionId=${tree.city.id}&year=2025`, { token: city })).body;
    const qu25 = s25.byRegion.find((x: { id: string }) => x.id === tree.counties[1].id);
    expect(qu25.quota).toBe(25);
    expect(qu25.belowQuota).toBe(true);
  });

  it('agrees exactly with the hazard list: every traceable figure is the total of its list query', async () => {
    const s = (await statisticsOfPeriod(city, tree.city.id)).body;
    const value = new Map<string, number>();
    for (const [name, id] of Object.entries(s.traces as Record<string, string>)) {
      if (name in s.totals) value.set(id, s.totals[name]);
    }
    for (const b of [...s.byIndustry, ...s.byAccidentType, ...s.byGrade, ...s.bySource]) value.set(b.q, b.count);
    for (const o of s.overdueByStage) value.set(o.q, o.count);
    for (const r of s.byRegion) {
      value.set(r.q.found, r.found);
      value.set(r.q.overdue, r.overdue);
    }
    const withList = s.queries.filter((q: { listUrl: string | null; id: string }) => q.listUrl && value.has(q.id));
    expect(withList.length).toBeGreaterThan(25);
    for (const q of withList) {
      const list = await api.call('GET', `${q.listUrl}&limit=1`, { token: city });
      expect({ id: q.id, label: q.label, total: list.body.total }).toEqual({ id: q.id, label: q.label, total: value.get(q.id) });
    }
    // Figures the list cannot express name the extra condition instead.
    const extra = s.queries.find((q: { id: string }) => q.id === s.traces.closedOnTime);
    expect(extra.listUrl).toBeNull();
    expect(extra.extra).toMatch(/closed_at <= h\.rectification_deadline/);
  });

  it('narrows by any list filter, and a county sees its townships (not the city)', async () => {
    const major = (await api.call('GET', `/statistics?jurisdictionId=${tree.city.id}&grade=major`, { token: city })).body;
    expect(major.totals.found).toBe(specs.filter((h) => h.grade === 'major').length);
    const xianToken = await api.login(tree.users.xian, TEST_PASSWORD);
    const xian = await statisticsOfPeriod(xianToken);
    expect(xian.status).toBe(200);
    expect(xian.body.jurisdiction.id).toBe(tree.counties[0].id);
    const mine = inPeriod.filter((h) => h.path[1] === tree.counties[0].id);
    expect(xian.body.totals.found).toBe(mine.length);
    expect(xian.body.byRegion.map((r: { id: string; found: number }) => [r.id, r.found])).toEqual(
      tree.towns.filter((t) => t.county === tree.counties[0].id).map((t) => [t.id, mine.filter((h) => h.path[2] === t.id).length]),
    );
    // Outside the caller's subtree answers like an unknown jurisdiction (422), revealing nothing.
    expect((await api.call('GET', `/statistics?jurisdictionId=${tree.city.id}`, { token: xianToken })).body).toMatchObject({
      statusCode: 422,
      code: 'unknown_jurisdiction',
    });
    const ent = await api.login(tree.users.ent0, TEST_PASSWORD);
    expect((await api.call('GET', `/statistics?jurisdictionId=${tree.city.id}`, { token: ent })).status).toBe(403);
  });
});
