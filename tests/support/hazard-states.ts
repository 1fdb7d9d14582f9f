import type { apiClient } from './http';
import { photoForm } from './evidence-files';

type Api = ReturnType<typeof apiClient>;

/** Where a hazard can be put for a test, each reached through the real API and workflow. */
export const FIXTURE_STATES = ['reported', 'awaiting_listing', 'listed', 'plan_submitted', 'rectifying', 'extension_requested', 'submitted'] as const;
export type FixtureState = (typeof FIXTURE_STATES)[number];

export const PLAN = {
  goalAndTasks: '消除冲压车间安全光幕失效隐患',
  methodsAndMeasures: '更换安全光幕并加装双手操作按钮',
  fundsAndMaterials: '专项资金3万元，安全光幕4套',
  responsibleBodyAndPeople: '设备科 赵工（负责人）',
  timeLimitAndRequirements: '20个工作日内完成并验收',
  safetyMeasuresAndEmergencyPlan: '整改期间停用3号冲床，设置警示标志',
};

/** The people who move one enterprise's hazard along: the enterprise, its county (listing level) and township. */
export interface HazardParties {
  enterpriseId: string;
  enterprise: string;
  county: string;
  township: string;
  countyName?: string;
}

export interface HazardFixture {
  id: string;
  /** A photo uploaded to the hazard by its enterprise ('' when none was). */
  fileId: string;
  state: FixtureState;
}

const expectOk = (what: string, r: { status: number; body: unknown }) => {
  if (r.status < 200 || r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
};

/**
 * A major hazard of the enterprise, reported with a photo, then (as far as `state` asks) graded
 * major and listed by the county, planned by the enterprise, the plan approved, and then either
 * an extension requested or completion submitted (awaiting the township's review first).
 */
export async function hazardIn(
  api: Api, p: HazardParties, state: FixtureState,
  opts: { description?: string; photo?: boolean } = {},
): Promise<HazardFixture> {
  const description = opts.description ?? '冲压车间3号冲床安全光幕失效';
  const reported = expectOk('report', await api.call('POST', '/hazards', { token: p.enterprise, body: { enterpriseId: p.enterpriseId, source: '企业自查', description, location: '冲压车间' } }));
  const id = (reported.body as { hazardId: string }).hazardId;
  // A photo when asked for, and always from rectification on (completion needs evidence).
  let fileId = '';
  if (opts.photo ?? FIXTURE_STATES.indexOf(state) >= FIXTURE_STATES.indexOf('rectifying')) {
    const uploaded = expectOk('upload', await api.call('POST', `/hazards/${id}/evidence`, { token: p.enterprise, form: photoForm() }));
    fileId = (uploaded.body as { id: string }[])[0].id;
  }
  const order = FIXTURE_STATES.indexOf(state);
  const step = async (at: FixtureState, what: string, token: string, path: string, body: unknown) => {
    if (order >= FIXTURE_STATES.indexOf(at)) expectOk(what, await api.call('POST', `/hazards/${id}${path}`, { token, body }));
  };
  await step('awaiting_listing', 'grade', p.county, '/grade', {
    grade: 'major', accidentType: '机械伤害', industry: '制造业',
    criterion: { standard: '工贸企业重大事故隐患判定标准（2023）', item: '第六条第（一）项' },
  });
  await step('listed', 'list', p.county, '/listing', { level: 'county', authority: p.countyName ?? '县人民政府', leadDepartment: '县应急管理局' });
  await step('plan_submitted', 'plan', p.enterprise, '/plan', { plan: PLAN, interimMeasures: '停用3号冲床，每班巡检', productionStopped: false });
  await step('rectifying', 'approve plan', p.county, '/plan/decision', { decision: 'approve' });
  if (state === 'extension_requested') {
    await step('extension_requested', 'request extension', p.enterprise, '/extensions', { workingDays: 10, reason: '安全光幕到货延迟' });
  }
  if (state === 'submitted') {
    await step('submitted', 'complete', p.enterprise, '/completion', { evidenceFileIds: [fileId], assessment: { by: 'self', conclusion: '光幕已更换，测试合格' } });
  }
  return { id, fileId, state };
}

/**
 * Runs `fn` over the items with at most `size` in flight (each lane takes the next item as soon
 * as it is free): enough parallelism to be quick, not so much that a shared machine chokes.
 * Answers in the items' order.
 */
export async function inBatches<T, R>(items: T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, lane));
  return out;
}
