import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import type { NotifierRuntime } from '../../apps/notifier/src/notifier-runtime';
import { ArchiveKey } from '@hazards/archive/archive-key';
import { readZipEntries, verifyDossier } from '@hazards/archive/dossier/dossier-verifier';
import { addWorkingDays } from '@hazards/domain/calendar/cn-calendar';
import { startNotifier } from '@hazards/testing/notifier/notifier-runtime';
import type { ApiTestContext } from '@hazards/testing/api/api-test-context';
import { startTimeSkippingApiContext } from '@hazards/testing/api/time-skipping-api-context';
import { ReferenceTree, logInAll } from '@hazards/testing/fixtures/reference-tree';
import { waitFor } from '@hazards/testing/polling';

/*
 * The "done when" of issue 18, through the API: the API, the real worker (activities into
 * PostgreSQL) and the notifier run against a time-skipping Temporal server, so a city-listed
 * hazard can be left overdue for weeks. In order: a numbered letter whose .docx carries the facts,
 * the relisting (a city listing is reported to the province), a scheduled interview that escalates
 * when not held, a criticism the next bulletin of the city carries, a stoppage recommendation; and
 * every document in the dossier, which verifies offline.
 */
const PLAN = {
  goalAndTasks: '消除涉氨制冷车间氨泄漏报警失效隐患',
  methodsAndMeasures: '更换报警器并联锁风机',
  fundsAndMaterials: '专项资金6万元',
  responsibleBodyAndPeople: '设备部',
  timeLimitAndRequirements: '5个工作日',
  safetyMeasuresAndEmergencyPlan: '车间停用，配备便携式检测仪',
};
const HOUR = 3600_000;

let env: TestWorkflowEnvironment;
let ctx: ApiTestContext;
let ds: DataSource;
let tree: ReferenceTree;
let notifier: NotifierRuntime | undefined;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  ({ env, ctx } = await startTimeSkippingApiContext());
  ({ ds, tree } = ctx);
  await logInAll(ctx.api, tree, ['city', 'countyA', 'entA'], tokens);
}, 120_000);
afterAll(async () => {
  await notifier?.stop();
  await ctx?.stop();
  await env?.teardown();
});

const ok = async (method: string, path: string, token: string, body?: unknown) => (await ctx.api.succeed(method, path, token, body)).body;
/** What follows a step (a notifier delivery, a read-model row) lands a little after it. */
const settle = (what: string, check: () => Promise<boolean>, ms = 30_000) => waitFor(what, check, ms);
/** Skips workflow time to `working days` after the deadline (plus two hours), then waits for what must follow. */
const overdueBy = async (deadline: string, workingDays: number, what: string, check: () => Promise<boolean>) => {
  const target = addWorkingDays(Date.parse(deadline), workingDays).getTime() + 2 * HOUR;
  const now = await env.currentTimeMs();
  if (target > now) await env.sleep(target - now);
  await settle(what, check);
};

describe('a city-listed hazard left overdue, through the API (挂牌督办 → 督办函 → 提级 → 约谈 → 通报批评 → 停产整顿建议)', () => {
  it('produces, in order, a letter, the relisting, an interview that escalates when not held, a criticism carried by the next bulletin and a stoppage recommendation', async () => {
    const id = (
      await ok('POST', '/hazards', tokens.entA, {
        enterpriseId: tree.id.entA,
        source: '监督检查',
        description: '涉氨制冷车间氨泄漏报警失效',
        location: '制冷车间',
      })
    ).hazardId as string;
    notifier = await startNotifier(ds, { tag: 'acc-ladder', relayHazardPrefix: id });
    await ok('POST', `/hazards/${id}/grade`, tokens.countyA, {
      grade: 'major',
      accidentType: '中毒和窒息',
      industry: '制造业',
      criterion: { standard: '工贸企业重大事故隐患判定标准(2023)', item: '第九条' },
    });
    const now = new Date((await env.currentTimeMs()) - 60_000).toISOString();
    await ok('POST', `/hazards/${id}/listing`, tokens.city, {
      level: 'city',
      authority: '测试市人民政府',
      leadDepartment: '测试市应急管理局',
      publishedAt: now,
      deadlineWorkingDays: 5,
    });
    await ok('POST', `/hazards/${id}/plan`, tokens.entA, {
      plan: PLAN,
      interimMeasures: '车间停用',
      productionStopped: true,
      stopScope: '制冷车间',
    });
    const deadline = (await ok('POST', `/hazards/${id}/plan/decision`, tokens.city, { decision: 'approve' }))
      .rectificationDeadline as string;
    const documents = async () =>
      (await ok('GET', `/hazards/${id}/documents`, tokens.city)) as { documentId: string; kind: string; number: string; sha256: string }[];
    const escalations = async () =>
      ((await ok('GET', `/hazards/${id}`, tokens.city)).timeline as { seq: number; step: string; data: Record<string, any> }[]).filter(
        (t) => t.step === 'escalation',
      );

    // One working day overdue: the 督办函, numbered by the city, its .docx carrying the facts.
    await overdueBy(deadline, 1, 'the supervision letter', async () => (await documents()).some((d) => d.kind === 'supervision_letter'));
    const letter = (await documents()).find((d) => d.kind === 'supervision_letter')!;
    expect(letter.number).toMatch(/督〔\d{4}〕\d+号$/);
    const res = await fetch(`${ctx.baseUrl}/hazards/${id}/documents/${letter.documentId}/file`, {
      headers: { authorization: `Bearer ${tokens.entA}` },
    });
    const xml = (await readZipEntries(Buffer.from(await res.arrayBuffer()))).get('word/document.xml')!.toString('utf8');
    for (const fact of [
      letter.number,
      '甲化工有限公司',
      '涉氨制冷车间氨泄漏报警失效',
      '测试市人民政府',
      '测试市应急管理局',
      '已逾期1个工作日',
    ])
      expect(xml).toContain(fact);
    expect((await escalations())[0].data).toMatchObject({
      stage: 1,
      action: 'supervision_letter',
      document: { number: letter.number, sha256: letter.sha256 },
    });

    // Ten working days: the interview stage (after the relisting stage at five); scheduled, never held.
    await overdueBy(deadline, 10, 'the interview order', async () => (await escalations()).some((e) => e.data.action === 'interview'));
    const ordered = (await escalations()).find((e) => e.data.action === 'interview')!;
    const at = new Date((await env.currentTimeMs()) + 24 * HOUR).toISOString();
    await ok('POST', `/hazards/${id}/interviews/schedule`, tokens.city, {
      at,
      place: '测试市应急管理局三楼会议室',
      enterprisePrincipal: '张甲',
      departmentResponsible: '测试市应急管理局 王丙',
    });
    const noMinutes = await ctx.api.call('POST', `/hazards/${id}/interviews/record`, {
      token: tokens.city,
      body: { attendees: ['张甲'], minutesFileId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(noMinutes.body).toMatchObject({ code: 'unknown_evidence', field: 'minutesFileId' });
    await overdueBy(deadline, 20, 'the interview escalation', async () =>
      (await escalations()).some((e) => e.data.kind === 'interview_overdue'),
    );

    // Twenty working days: 通报批评 by the city, carried by the next bulletin the city issues.
    await settle(
      'the criticism recorded by the notifier',
      async () => (await ds.query('select 1 from public_criticisms where hazard_id = $1', [id])).length === 1,
    );
    const bulletin = await ok('POST', `/bulletins/issues?jurisdictionId=${tree.id.city}`, tokens.city);
    expect(bulletin.criticisms.map((c: { hazardId: string }) => c.hazardId)).toContain(id);

    // Thirty working days: the 停产整顿建议书.
    await overdueBy(deadline, 30, 'the stoppage recommendation', async () =>
      (await documents()).some((d) => d.kind === 'stoppage_recommendation'),
    );

    // In order: letter, relisting (a city listing goes to the province), interview, its escalation, criticism, recommendation.
    const order = (await escalations()).map((e) => e.data.action ?? e.data.kind);
    expect(order).toEqual(
      expect.arrayContaining([
        'supervision_letter',
        'relist_up',
        'interview',
        'interview_overdue',
        'public_criticism',
        'stoppage_recommendation',
      ]),
    );
    const pos = (what: string) => order.indexOf(what);
    const stages = [pos('supervision_letter'), pos('relist_up'), pos('interview'), pos('public_criticism'), pos('stoppage_recommendation')];
    expect(stages).toEqual([...stages].sort((a, b) => a - b));
    // The interview's own window (10 working days) closes on the day of the criticism stage (20): after the interview, before the recommendation.
    expect(pos('interview_overdue')).toBeGreaterThan(pos('interview'));
    expect(pos('interview_overdue')).toBeLessThan(pos('stoppage_recommendation'));
    expect((await escalations()).find((e) => e.data.action === 'relist_up' && e.data.stage === 4)?.data).toMatchObject({
      relistedFrom: 'city',
    });
    expect(ordered.data.interview).toMatchObject({ level: 'city' });

    // Every document in the dossier, verifying offline.
    const zip = Buffer.from(
      await (await fetch(`${ctx.baseUrl}/hazards/${id}/dossier`, { headers: { authorization: `Bearer ${tokens.city}` } })).arrayBuffer(),
    );
    expect(await verifyDossier(zip, ArchiveKey.fromEnv())).toMatchObject({ ok: true, problems: [] });
    const inDossier = JSON.parse((await readZipEntries(zip)).get('documents.json')!.toString('utf8')) as { kind: string }[];
    expect(inDossier.map((d) => d.kind)).toEqual(['listing_notice', 'supervision_letter', 'stoppage_recommendation']);
  });
});
