import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { apiClient, download } from '@hazards/testing/api/http-client';
import { TEST_PASSWORD } from '@hazards/testing/fixtures/reference-tree';
import { openTestDataSource } from '@hazards/testing/stack/test-database';
import { hazardSpecs, insertHazards, type HazardSpec } from '@hazards/testing/fixtures/statistics-hazards';
import { startApi } from '@hazards/testing/api/api-app';
import { createStatisticsTree, type StatisticsTree } from '@hazards/testing/fixtures/statistics-tree';
import { docxText } from '@hazards/testing/files/unzip';

const FROM = '2026-01-01T00:00:00+08:00';
const TO = '2027-01-01T00:00:00+08:00';
const period = `reportedFrom=${encodeURIComponent(FROM)}&reportedTo=${encodeURIComponent(TO)}`;
/** Percentages as the test expects them written: one decimal at most. */
const pct = (num: number, den: number) => `${String(Math.round((num / den) * 1000) / 10)}%`;

describe('inspection campaigns and the bulletin (通报)', () => {
  let ds: DataSource;
  let app: INestApplication;
  let baseUrl: string;
  let api: ReturnType<typeof apiClient>;
  let tree: StatisticsTree;
  let specs: HazardSpec[];
  let city: string;
  let campaignId: string;
  const campaign = { plans: 3, self: 2, groups: 2, visits: 0, enterprises: 3, hazards: 0 };

  beforeAll(async () => {
    ds = await openTestDataSource();
    tree = await createStatisticsTree(ds);
    specs = hazardSpecs(tree, 60);
    await insertHazards(ds, specs);
    const started = await startApi();
    app = started.app;
    baseUrl = started.baseUrl;
    api = apiClient(baseUrl);
    city = await api.login(tree.users.city, TEST_PASSWORD);
  });

  afterAll(async () => {
    await app?.close();
    await ds?.destroy();
  });

  it('records a campaign (plans, groups, inspectors, inspections, linked hazards) and counts its figures', async () => {
    const xian = await api.login(tree.users.xian, TEST_PASSWORD);
    const created = await api.call('POST', '/campaigns', {
      token: city,
      body: { name: '2026年安全生产大检查', startsOn: '2026-04-23', endsOn: '2026-06-30' },
    });
    expect(created.status).toBe(201);
    campaignId = created.body.id;
    for (const title of ['全市大检查工作方案', '危化品专项检查方案']) {
      expect((await api.call('POST', `/campaigns/${campaignId}/plans`, { token: city, body: { title } })).status).toBe(201);
    }
    // A county works on the city's campaign: its plan sits at the county.
    const countyPlan = await api.call('POST', `/campaigns/${campaignId}/plans`, { token: xian, body: { title: '甲县大检查工作方案' } });
    expect(countyPlan.body.jurisdictionId).toBe(tree.counties[0].id);
    const g1 = (
      await api.call('POST', `/campaigns/${campaignId}/groups`, {
        token: city,
        body: { name: '第一督查组', leaderName: '周组长', inspectors: [{ name: '甲' }, { name: '乙' }, { name: '丙' }] },
      })
    ).body;
    const g2 = (
      await api.call('POST', `/campaigns/${campaignId}/groups`, {
        token: city,
        body: { name: '第二督查组', inspectors: [{ name: '丁' }, { name: '戊' }] },
      })
    ).body;
    const [e0, e1, e2, e3] = tree.enterprises;
    const inspect = (body: Record<string, unknown>) => api.call('POST', `/campaigns/${campaignId}/inspections`, { token: city, body });
    // Self-inspections: two enterprises, one of them twice.
    await inspect({ enterpriseId: e0.id, inspectedOn: '2026-04-25', kind: '企业自查', findings: '自查发现隐患2处' });
    await inspect({ enterpriseId: e0.id, inspectedOn: '2026-05-25', kind: '企业自查' });
    await inspect({ enterpriseId: e1.id, inspectedOn: '2026-04-26', kind: '企业自查' });
    // Group visits: three enterprises; one visit with only two of the group present.
    const i1 = (
      await inspect({ enterpriseId: e1.id, inspectedOn: '2026-05-06', kind: '四不两直', groupId: g1.id, findings: '发现隐患3处' })
    ).body;
    const i2 = (
      await inspect({
        enterpriseId: e2.id,
        inspectedOn: '2026-05-07',
        kind: '督查',
        groupId: g1.id,
        inspectorIds: g1.inspectors.slice(0, 2).map((i: { id: string }) => i.id),
      })
    ).body;
    const i3 = (await inspect({ enterpriseId: e3.id, inspectedOn: '2026-05-08', kind: '专家检查', groupId: g2.id })).body;
    await inspect({ enterpriseId: e2.id, inspectedOn: '2026-06-01', kind: '暗访', groupId: g2.id });
    campaign.visits = 3 + 2 + 2 + 2;
    // Refused: outside the period, a self-inspection with a group, an inspector of another group.
    expect((await inspect({ enterpriseId: e0.id, inspectedOn: '2026-07-01', kind: '企业自查' })).status).toBe(422);
    expect((await inspect({ enterpriseId: e0.id, inspectedOn: '2026-05-01', kind: '企业自查', groupId: g1.id })).status).toBe(422);
    expect(
      (await inspect({ enterpriseId: e0.id, inspectedOn: '2026-05-01', kind: '督查', groupId: g2.id, inspectorIds: [g1.inspectors[0].id] }))
        .body.code,
    ).toBe('unknown_inspector');
    // Hazards found link to their inspection (same enterprise only); withdrawn ones do not count.
    const link = (insp: { id: string }, h: HazardSpec) =>
      api.call('PUT', `/campaigns/${campaignId}/inspections/${insp.id}/hazards/${h.id}`, { token: city });
    const of = (e: { id: string }) => specs.filter((h) => h.enterpriseId === e.id);
    const linked = [
      ...of(e1)
        .slice(0, 2)
        .map((h) => [i1, h] as const),
      ...of(e2)
        .slice(0, 2)
        .map((h) => [i2, h] as const),
      ...of(e3)
        .slice(0, 2)
        .map((h) => [i3, h] as const),
    ];
    for (const [insp, h] of linked) expect((await link(insp, h)).status).toBe(200);
    campaign.hazards = linked.filter(([, h]) => h.status !== 'withdrawn').length;
    const mismatch = await link(i1, of(e0)[0]);
    expect({ status: mismatch.status, code: mismatch.body.code }).toEqual({ status: 422, code: 'enterprise_mismatch' });

    const figures = (await api.call('GET', `/campaigns/${campaignId}/figures`, { token: city })).body;
    expect(figures).toMatchObject({
      plans: campaign.plans,
      selfInspectingEnterprises: campaign.self,
      groups: campaign.groups,
      inspectorVisits: campaign.visits,
      inspectors: 5,
      enterprisesInspected: campaign.enterprises,
      inspections: 7,
      hazardsFound: campaign.hazards,
    });
    const detail = (await api.call('GET', `/campaigns/${campaignId}`, { token: city })).body;
    expect(detail.groups.map((g: { inspectors: unknown[] }) => g.inspectors.length)).toEqual([3, 2]);
    // The county works on the city's campaign but sees only its own part: its plan, not the city's groups.
    const countyView = (await api.call('GET', `/campaigns/${campaignId}`, { token: xian })).body;
    expect({ groups: countyView.groups.length, plans: countyView.plans.map((p: { title: string }) => p.title) }).toEqual({
      groups: 0,
      plans: ['甲县大检查工作方案'],
    });
    expect((await api.call('GET', `/campaigns/${campaignId}/inspections`, { token: city })).body).toHaveLength(7);
  });

  it('renders the bulletin as .docx with every section and the expected figures, each traceable', async () => {
    const stats = (await api.call('GET', `/statistics?jurisdictionId=${tree.city.id}&${period}`, { token: city })).body;
    const inPeriod = specs.filter((h) => h.reportedAt.getTime() >= Date.parse(FROM) && h.reportedAt.getTime() < Date.parse(TO));
    const found = inPeriod.length;
    const listed = inPeriod.filter((h) => h.listingLevel && h.status !== 'withdrawn');
    const closed = inPeriod.filter((h) => h.status === 'closed');
    const onTime = closed.filter((h) => h.closedAt!.getTime() <= h.deadline!.getTime());
    const xianName = tree.counties[0].name;

    const res = await download(baseUrl, `/bulletins?jurisdictionId=${tree.city.id}&${period}&format=docx`, city);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    const text = await docxText(res.body);
    expect(await docxText(res.body, { withNoteMarks: true })).toContain(`全市共排查隐患${found}条${stats.traces.found}`);
    for (const heading of [
      '一、基本情况',
      '二、隐患排查特点',
      '三、重大事故隐患挂牌督办情况',
      '四、安全生产大检查情况',
      '五、隐患超期整改排名',
      '附：数据来源',
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain(`关于全市隐患排查治理情况的通报`);
    expect(text).toContain(`2026年1月1日至2026年12月31日，全市共排查隐患${found}条`);
    expect(text).toContain(`其中重大隐患${inPeriod.filter((h) => h.grade === 'major').length}个`);
    expect(text).toContain(`已整改销号${closed.length}条`);
    expect(text).toContain(`按期整改率${pct(onTime.length, closed.length)}`);
    expect(text).toContain(`各地区挂牌督办三级重大隐患${listed.length}个`);
    for (const c of tree.counties) expect(text).toContain(`${c.name}${listed.filter((h) => h.path[1] === c.id).length}个`);
    expect(text).toContain(`${xianName}挂牌督办数未达到2026年度任务数`);
    // Industry characteristics, as the seed writes them ("在25起事故中，建筑业12起、制造业7起").
    const industries = stats.byIndustry as { label: string; count: number }[];
    expect(text).toContain(`在${found}条`);
    expect(text).toContain(`隐患中，${industries[0].label}${industries[0].count}条、${industries[1].label}${industries[1].count}条`);
    // Campaign figures.
    expect(text).toContain(`细化大检查工作方案${campaign.plans}个`);
    expect(text).toContain(`开展自查自纠企业单位累计${campaign.self}家`);
    expect(text).toContain(`检查督查组${campaign.groups}个`);
    expect(text).toContain(`出动检查人员${campaign.visits}人次`);
    expect(text).toContain(`检查企业单位${campaign.enterprises}家`);
    expect(text).toContain(`排查隐患${campaign.hazards}条`);
    // The ranking, worst first.
    const worst = stats.ranking[0];
    expect(text).toContain(`1. ${worst.name}超期${worst.overdue}条`);
    // Traceability: the appendix names the list query of the total.
    expect(text).toContain(`GET /hazards?jurisdictionId=${tree.city.id}`);
  });

  it('renders the same bulletin as Markdown with a footnote per figure naming its query', async () => {
    const md = await api.call('GET', `/bulletins?jurisdictionId=${tree.city.id}&${period}&format=markdown`, { token: city });
    expect(md.status).toBe(200);
    const body = String(md.body);
    expect(body).toMatch(/^# 关于全市隐患排查治理情况的通报/);
    for (const h of [
      '## 一、基本情况',
      '## 二、隐患排查特点',
      '## 三、重大事故隐患挂牌督办情况',
      '## 四、安全生产大检查情况',
      '## 五、隐患超期整改排名',
    ]) {
      expect(body).toContain(h);
    }
    const refs = new Set([...body.matchAll(/\[\^([QC]\d{2})\](?!:)/g)].map((m) => m[1]));
    const defs = new Set([...body.matchAll(/^\[\^([QC]\d{2})\]:/gm)].map((m) => m[1]));
    expect(refs.size).toBeGreaterThan(20);
    expect([...refs].filter((r) => !defs.has(r))).toEqual([]);
    expect(body).toContain(`[^C01]: C01 工作方案`);
    // The quota table marks the county below quota.
    expect(body).toMatch(new RegExp(`\\| ${tree.counties[0].name} \\|.*\\| 30 \\| 未达标`));
    // JSON: the model itself.
    const json = await api.call('GET', `/bulletins?jurisdictionId=${tree.city.id}&${period}&format=json`, { token: city });
    expect(json.body.sections.map((s: { heading: string }) => s.heading)).toHaveLength(5);
  });

  it('is only for supervisors of the jurisdiction', async () => {
    const xian = await api.login(tree.users.xian, TEST_PASSWORD);
    // Outside the caller's subtree answers like an unknown jurisdiction (422), revealing nothing.
    expect((await api.call('GET', `/bulletins?jurisdictionId=${tree.city.id}&format=json`, { token: xian })).body).toMatchObject({
      statusCode: 422,
      code: 'unknown_jurisdiction',
    });
    const ent = await api.login(tree.users.ent0, TEST_PASSWORD);
    expect((await api.call('GET', `/bulletins?jurisdictionId=${tree.city.id}&format=json`, { token: ent })).status).toBe(403);
    const own = await api.call('GET', `/bulletins?format=json&${period}`, { token: xian });
    expect(own.status).toBe(200);
    expect(own.body.title).toBe('关于全县隐患排查治理情况的通报');
  });
});
