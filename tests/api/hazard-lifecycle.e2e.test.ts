import type { DataSource } from 'typeorm';
import { startApiTestContext, type ApiTestContext } from '@hazards/testing/api/api-test-context';
import { apiClient } from '@hazards/testing/api/http-client';
import { ReferenceTree, TEST_PASSWORD } from '@hazards/testing/fixtures/reference-tree';

// A tiny valid PNG (1×1): real bytes, so the type check on upload sees a PNG.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5f0000000049454e44ae426082',
  'hex',
);

const PLAN = {
  goalAndTasks: '消除2号储罐区可燃气体报警器失效隐患',
  methodsAndMeasures: '更换报警器并接入DCS联锁',
  fundsAndMaterials: '专项资金8万元，报警器6台',
  responsibleBodyAndPeople: '设备部 王工（负责人）',
  timeLimitAndRequirements: '30个工作日内完成并验收',
  safetyMeasuresAndEmergencyPlan: '施工期间停用储罐区，配备便携式检测仪，按应急预案演练',
};

describe('an enterprise reports a hazard, the county lists it, and it is signed off level by level', () => {
  let ds: DataSource;
  let ctx: ApiTestContext;
  let tree: ReferenceTree;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    ctx = await startApiTestContext();
    ({ ds, tree } = ctx);
    api = ctx.api;
  });

  afterAll(async () => {
    await ctx?.stop();
  });

  it('runs the whole major-hazard path through HTTP, the real workflow and PostgreSQL', async () => {
    const [ent, town, county, otherTown] = await Promise.all([
      api.login(tree.users.entA, TEST_PASSWORD),
      api.login(tree.users.townA, TEST_PASSWORD),
      api.login(tree.users.countyA, TEST_PASSWORD),
      api.login(tree.users.townB, TEST_PASSWORD),
    ]);

    // The enterprise reports from its self-inspection.
    const reported = await api.call('POST', '/hazards', {
      token: ent,
      body: { enterpriseId: tree.id.entA, source: '企业自查', description: '2号储罐区可燃气体报警器失效', location: '2号储罐区' },
    });
    expect(reported.status).toBe(201);
    const id = reported.body.hazardId as string;

    // The county sees it in its list, as reported; the other county's township does not.
    const countyList = await api.call('GET', `/hazards?status=reported&jurisdictionId=${tree.id.countyA}`, { token: county });
    expect(countyList.body.items.map((h: { id: string }) => h.id)).toContain(id);
    expect((await api.call('GET', `/hazards/${id}`, { token: otherTown })).status).toBe(404);

    // The county grades it major with the criterion, then lists it at county level.
    const graded = await api.call('POST', `/hazards/${id}/grade`, {
      token: county,
      body: {
        grade: 'major',
        accidentType: '火灾',
        industry: '危险化学品',
        criterion: { standard: '化工和危险化学品生产经营单位重大生产安全事故隐患判定标准（试行）', item: '第十条' },
      },
    });
    expect(graded.status).toBe(200);
    expect(graded.body.status).toBe('awaiting_listing');
    const listed = await api.call('POST', `/hazards/${id}/listing`, {
      token: county,
      body: { level: 'county', authority: '甲县人民政府', leadDepartment: '甲县应急管理局', publishedAt: new Date().toISOString() },
    });
    expect(listed.status).toBe(200);
    expect(listed.body.status).toBe('listed');

    // The enterprise sees that a plan is due, and submits the six-part plan.
    const queue = await api.call('GET', '/me/work-queue', { token: ent });
    expect(queue.body.planDue.map((h: { id: string }) => h.id)).toContain(id);
    const planned = await api.call('POST', `/hazards/${id}/plan`, {
      token: ent,
      body: { plan: PLAN, interimMeasures: '储罐区禁止动火，每2小时人工巡检', productionStopped: true, stopScope: '2号储罐区' },
    });
    expect(planned.status).toBe(200);
    expect(planned.body.status).toBe('plan_submitted');

    // The county finds the plan in its queue and approves it; rectification runs to a deadline.
    expect((await api.call('GET', '/me/work-queue', { token: county })).body.plansToDecide.map((h: { id: string }) => h.id)).toContain(id);
    const approved = await api.call('POST', `/hazards/${id}/plan/decision`, { token: county, body: { decision: 'approve' } });
    expect(approved.body.status).toBe('rectifying');
    expect(Date.parse(approved.body.rectificationDeadline)).toBeGreaterThan(Date.now());

    // The enterprise uploads a photo and submits completion with its own experts' assessment.
    const form = new FormData();
    form.append('files', new Blob([PNG], { type: 'image/png' }), '整改后照片.png');
    const uploaded = await api.call('POST', `/hazards/${id}/evidence`, { token: ent, form });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body[0]).toMatchObject({ contentType: 'image/png', sizeBytes: PNG.length });
    expect(uploaded.body[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    const completed = await api.call('POST', `/hazards/${id}/completion`, {
      token: ent,
      body: { evidenceFileIds: [uploaded.body[0].id], assessment: { by: 'self', conclusion: '报警器已更换并联锁测试合格' } },
    });
    expect(completed.status).toBe(200);
    expect(completed.body.status).toBe('submitted');

    // A county listing needs two reviews: the county may not review before the township.
    const tooEarly = await api.call('POST', `/hazards/${id}/reviews`, { token: county, body: { result: 'pass' } });
    expect(tooEarly.status).toBe(403);
    expect(tooEarly.body.message).toMatch(/复核/);
    expect((await api.call('GET', '/me/work-queue', { token: town })).body.reviewsDue.map((h: { id: string }) => h.id)).toContain(id);
    const townReview = await api.call('POST', `/hazards/${id}/reviews`, { token: town, body: { result: 'pass', reason: '现场核查合格' } });
    expect(townReview.status).toBe(200);
    expect(townReview.body.status).toBe('submitted');
    const countyReview = await api.call('POST', `/hazards/${id}/reviews`, {
      token: county,
      body: { result: 'pass', reason: '复核合格，同意销号' },
    });
    expect(countyReview.body.status).toBe('closed');

    // The closed hazard, as the city would read it: closed, with every step in the timeline and the photo.
    const city = await api.login(tree.users.city, TEST_PASSWORD);
    const closed = await api.call('GET', `/hazards/${id}`, { token: city });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    expect(closed.body.closedAt).not.toBeNull();
    const steps = closed.body.timeline.map((t: { step: string }) => t.step);
    expect(steps[0]).toBe('reported');
    // The township's pass is a step of its own; the county's final pass is the sign-off (销号 + 摘牌).
    expect(steps).toEqual([
      'reported',
      'graded',
      'listed',
      'plan.submitted',
      'plan.approved',
      'completion.submitted',
      'review.passed',
      'closed',
    ]);
    expect(closed.body.timeline.at(-1).actorName).toBe('甲县安监');
    expect(closed.body.timeline.find((t: { step: string }) => t.step === 'listed').actorName).toBe('甲县安监');
    expect(closed.body.evidence.map((e: { id: string }) => e.id)).toContain(uploaded.body[0].id);
    const photo = await api.call('GET', `/hazards/${id}/evidence/${uploaded.body[0].id}`, { token: city });
    expect(photo.status).toBe(200);
    expect(photo.headers.get('x-content-sha256')).toBe(uploaded.body[0].sha256);
    expect((await api.call('GET', `/hazards/${id}/evidence/${uploaded.body[0].id}`, { token: otherTown })).status).toBe(404);

    // One history row per step, in order, and the outbox carries the sign-off event.
    const history: { seq: number }[] = await ds.query('select seq from hazard_history where hazard_id = $1 order by seq', [id]);
    expect(history.map((h) => h.seq)).toEqual(history.map((_, i) => i + 1));
    const events: { type: string }[] = await ds.query('select type from outbox_events where hazard_id = $1 order by id', [id]);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['hazard.reported', 'hazard.listed', 'hazard.closed']));
  });
});
