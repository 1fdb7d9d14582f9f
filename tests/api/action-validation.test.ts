import type { DataSource } from 'typeorm';
import { startApiTestContext, type ApiTestContext } from '@hazards/testing/api/api-test-context';
import { FixtureState, HazardFixture, hazardIn, HazardParties, PLAN } from '@hazards/testing/fixtures/hazard-states';
import { inBatches } from '@hazards/testing/pool';
import { apiClient } from '@hazards/testing/api/http-client';
import { ReferenceTree, TEST_PASSWORD } from '@hazards/testing/fixtures/reference-tree';

/*
 * What a user is told when an action is wrong, action by action: malformed input is 400 naming
 * the field, a well-formed request that makes no sense is 422, the wrong moment is 409 with the
 * workflow's own reason in Chinese and English. And whatever is refused leaves no trace: no
 * history row, no event in the outbox, the hazard row as it was.
 */

type Who = 'enterprise' | 'county' | 'township';
interface Case {
  what: string;
  who: Who;
  state: FixtureState | 'withdrawn';
  action: string;
  body?: unknown;
  raw?: string;
  status: number;
  code?: string;
  field?: string;
  /** Words the reason must contain: Chinese message, English message. */
  says?: [RegExp, RegExp];
}

const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();
const anHourAgo = () => new Date(Date.now() - 3600_000).toISOString();
const GRADE = {
  grade: 'major',
  accidentType: '机械伤害',
  industry: '制造业',
  criterion: { standard: '工贸企业重大事故隐患判定标准（2023）', item: '第六条' },
};
const LISTING = { level: 'county', authority: '甲县人民政府', leadDepartment: '甲县应急管理局' };
const PLAN_BODY = { plan: PLAN, interimMeasures: '停用3号冲床', productionStopped: false };
const { fundsAndMaterials: _omitted, ...PLAN_WITHOUT_FUNDS } = PLAN;
const ACCIDENT = { accidentId: 'acc-1', occurredAt: '2026-01-05T09:30:00+08:00', description: '一名工人手部轻伤' };
const PENALTY = { lawArticle: '《安全生产法》第一百零二条', amountYuan: 20000 };
const long = (n: number) => '隐'.repeat(n);

/** Each case is refused; `evidence:other` and `evidence:own` stand for uploaded file ids filled in below. */
const CASES: Case[] = [
  // 定级 grade
  {
    what: 'an unknown field',
    who: 'county',
    state: 'reported',
    action: 'grade',
    body: { ...GRADE, severity: 'high' },
    status: 400,
    code: 'unknown_field',
    field: 'severity',
    says: [/不允许的字段/, /Unknown field: severity/],
  },
  {
    what: 'an unknown field inside the criterion',
    who: 'county',
    state: 'reported',
    action: 'grade',
    body: { ...GRADE, criterion: { ...GRADE.criterion, page: 3 } },
    status: 400,
    code: 'unknown_field',
    field: 'criterion.page',
  },
  {
    what: 'a grade that is not general or major',
    who: 'county',
    state: 'reported',
    action: 'grade',
    body: { ...GRADE, grade: 'severe' },
    status: 400,
    code: 'validation_failed',
    field: 'grade',
    says: [/等级/, /grade must be general or major/],
  },
  {
    what: 'an accident type outside GB 6441',
    who: 'county',
    state: 'reported',
    action: 'grade',
    body: { ...GRADE, accidentType: '爆炸' },
    status: 400,
    field: 'accidentType',
  },
  {
    what: 'an industry that is only spaces',
    who: 'county',
    state: 'reported',
    action: 'grade',
    body: { ...GRADE, industry: '   ' },
    status: 400,
    field: 'industry',
    says: [/行业长度/, /industry must be 1–100 characters/],
  },
  {
    what: 'an industry that is too long',
    who: 'county',
    state: 'reported',
    action: 'grade',
    body: { ...GRADE, industry: long(101) },
    status: 400,
    field: 'industry',
  },
  {
    what: 'an industry that is a number',
    who: 'county',
    state: 'reported',
    action: 'grade',
    body: { ...GRADE, industry: 42 },
    status: 400,
    field: 'industry',
    says: [/字符串/, /must be a string/],
  },
  { what: 'no body at all', who: 'county', state: 'reported', action: 'grade', status: 400 },
  {
    what: 'a body that is not JSON',
    who: 'county',
    state: 'reported',
    action: 'grade',
    raw: '{"grade": "major",',
    status: 400,
    code: 'malformed_json',
    field: 'body',
  },
  {
    what: 'a body over 1 MB',
    who: 'county',
    state: 'reported',
    action: 'grade',
    raw: JSON.stringify({ ...GRADE, cause: 'x'.repeat(1_100_000) }),
    status: 413,
    code: 'payload_too_large',
  },
  {
    what: 'a major grade without the criterion that matched',
    who: 'county',
    state: 'reported',
    action: 'grade',
    body: { ...GRADE, criterion: undefined },
    status: 422,
    code: 'criterion_required',
    field: 'criterion',
    says: [/判定标准/, /criterion/],
  },
  {
    what: 'grading a hazard that is already listed',
    who: 'county',
    state: 'listed',
    action: 'grade',
    body: GRADE,
    status: 409,
    code: 'wrong_state',
    says: [/当前状态为已挂牌待提交方案.*不能定级/, /cannot grade while the hazard is listed/],
  },

  // 挂牌督办 listing
  {
    what: 'a publication time without an offset',
    who: 'county',
    state: 'awaiting_listing',
    action: 'listing',
    body: { ...LISTING, publishedAt: '2026-01-05T09:00:00' },
    status: 400,
    field: 'publishedAt',
    says: [/带时区/, /with an offset/],
  },
  {
    what: 'a publication date that does not exist',
    who: 'county',
    state: 'awaiting_listing',
    action: 'listing',
    body: { ...LISTING, publishedAt: '2026-02-30T09:00:00+08:00' },
    status: 400,
    field: 'publishedAt',
  },
  {
    what: 'a level that is not township, county or city',
    who: 'county',
    state: 'awaiting_listing',
    action: 'listing',
    body: { ...LISTING, level: 'province' },
    status: 400,
    field: 'level',
  },
  {
    what: 'an empty authority',
    who: 'county',
    state: 'awaiting_listing',
    action: 'listing',
    body: { ...LISTING, authority: '' },
    status: 400,
    field: 'authority',
  },
  {
    what: 'a deadline in half days',
    who: 'county',
    state: 'awaiting_listing',
    action: 'listing',
    body: { ...LISTING, deadlineWorkingDays: 2.5 },
    status: 400,
    field: 'deadlineWorkingDays',
  },
  {
    what: 'a deadline given as text',
    who: 'county',
    state: 'awaiting_listing',
    action: 'listing',
    body: { ...LISTING, deadlineWorkingDays: '30' },
    status: 400,
    field: 'deadlineWorkingDays',
  },
  {
    what: 'a publication in the future',
    who: 'county',
    state: 'awaiting_listing',
    action: 'listing',
    body: { ...LISTING, publishedAt: inAnHour() },
    status: 422,
    code: 'field_in_future',
    field: 'publishedAt',
    says: [/公布时间不能晚于当前时间/, /cannot be in the future/],
  },
  {
    what: 'a deadline beyond the policy cap of 250 working days',
    who: 'county',
    state: 'awaiting_listing',
    action: 'listing',
    body: { ...LISTING, deadlineWorkingDays: 255 },
    status: 422,
    field: 'deadlineWorkingDays',
  },
  {
    what: 'listing a hazard nobody has graded',
    who: 'county',
    state: 'reported',
    action: 'listing',
    body: LISTING,
    status: 409,
    code: 'wrong_state',
    says: [/不能挂牌督办/, /cannot list the hazard while the hazard is reported/],
  },

  // 治理方案 plan
  {
    what: 'a plan missing one of its six parts',
    who: 'enterprise',
    state: 'listed',
    action: 'plan',
    body: { ...PLAN_BODY, plan: PLAN_WITHOUT_FUNDS },
    status: 400,
    field: 'plan.fundsAndMaterials',
  },
  {
    what: 'a plan part that is only spaces',
    who: 'enterprise',
    state: 'listed',
    action: 'plan',
    body: { ...PLAN_BODY, plan: { ...PLAN, goalAndTasks: ' \t ' } },
    status: 400,
    field: 'plan.goalAndTasks',
  },
  {
    what: 'an unknown part in the plan',
    who: 'enterprise',
    state: 'listed',
    action: 'plan',
    body: { ...PLAN_BODY, plan: { ...PLAN, budgetCode: 'X1' } },
    status: 400,
    code: 'unknown_field',
    field: 'plan.budgetCode',
  },
  {
    what: '"yes" for whether production stopped',
    who: 'enterprise',
    state: 'listed',
    action: 'plan',
    body: { ...PLAN_BODY, productionStopped: 'yes' },
    status: 400,
    field: 'productionStopped',
  },
  {
    what: 'interim measures that are too long',
    who: 'enterprise',
    state: 'listed',
    action: 'plan',
    body: { ...PLAN_BODY, interimMeasures: long(2001) },
    status: 400,
    field: 'interimMeasures',
  },
  {
    what: 'a plan before the hazard is listed',
    who: 'enterprise',
    state: 'reported',
    action: 'plan',
    body: PLAN_BODY,
    status: 409,
    code: 'wrong_state',
    says: [/不能提交治理方案/, /cannot submit a plan while the hazard is reported/],
  },

  // 审核方案 plan decision
  {
    what: 'a decision that is neither approve nor return',
    who: 'county',
    state: 'plan_submitted',
    action: 'plan/decision',
    body: { decision: 'maybe' },
    status: 400,
    field: 'decision',
  },
  {
    what: 'a return whose reason is only spaces',
    who: 'county',
    state: 'plan_submitted',
    action: 'plan/decision',
    body: { decision: 'return', reason: '   ' },
    status: 400,
    field: 'reason',
  },
  {
    what: 'a return without a reason',
    who: 'county',
    state: 'plan_submitted',
    action: 'plan/decision',
    body: { decision: 'return' },
    status: 422,
    code: 'field_required',
    field: 'reason',
    says: [/退回理由/, /reason is required/],
  },
  {
    what: 'deciding a plan nobody submitted',
    who: 'county',
    state: 'listed',
    action: 'plan/decision',
    body: { decision: 'approve' },
    status: 409,
    code: 'wrong_state',
  },

  // 申请延期 extension
  {
    what: 'zero working days',
    who: 'enterprise',
    state: 'rectifying',
    action: 'extensions',
    body: { workingDays: 0, reason: '设备到货延迟' },
    status: 400,
    field: 'workingDays',
  },
  {
    what: 'working days as text',
    who: 'enterprise',
    state: 'rectifying',
    action: 'extensions',
    body: { workingDays: '10', reason: '设备到货延迟' },
    status: 400,
    field: 'workingDays',
  },
  {
    what: 'a one-character reason',
    who: 'enterprise',
    state: 'rectifying',
    action: 'extensions',
    body: { workingDays: 10, reason: '慢' },
    status: 400,
    field: 'reason',
  },
  {
    what: 'more days than one extension may give',
    who: 'enterprise',
    state: 'rectifying',
    action: 'extensions',
    body: { workingDays: 61, reason: '设备到货延迟' },
    status: 422,
    code: 'extension_length_invalid',
    field: 'workingDays',
  },
  {
    what: 'a second request while one is pending',
    who: 'enterprise',
    state: 'extension_requested',
    action: 'extensions',
    body: { workingDays: 5, reason: '再次延期' },
    status: 409,
    code: 'extension_pending',
    says: [/已有延期申请待审批/, /already awaiting decision/],
  },

  // 审批延期 extension decision
  {
    what: 'a decision that is not approve or refuse',
    who: 'county',
    state: 'extension_requested',
    action: 'extensions/decision',
    body: { decision: 'ok' },
    status: 400,
    field: 'decision',
  },
  {
    what: 'approving more days than were asked for',
    who: 'county',
    state: 'extension_requested',
    action: 'extensions/decision',
    body: { decision: 'approve', workingDays: 11 },
    status: 422,
    field: 'workingDays',
  },
  {
    what: 'a refusal without a reason',
    who: 'county',
    state: 'extension_requested',
    action: 'extensions/decision',
    body: { decision: 'refuse' },
    status: 422,
    field: 'reason',
  },
  {
    what: 'deciding when nothing was requested',
    who: 'county',
    state: 'rectifying',
    action: 'extensions/decision',
    body: { decision: 'approve' },
    status: 409,
    code: 'no_pending_extension',
    says: [/没有待审批的延期申请/, /no extension request awaiting decision/],
  },

  // 申请销号 completion
  {
    what: 'evidence that is not a list',
    who: 'enterprise',
    state: 'rectifying',
    action: 'completion',
    body: { evidenceFileIds: 'photo.png', assessment: { by: 'self', conclusion: '合格' } },
    status: 400,
    field: 'evidenceFileIds',
  },
  {
    what: 'evidence ids that were never handed out',
    who: 'enterprise',
    state: 'rectifying',
    action: 'completion',
    body: { evidenceFileIds: ['photo-1'], assessment: { by: 'self', conclusion: '合格' } },
    status: 400,
    field: 'evidenceFileIds',
  },
  {
    what: 'no evidence',
    who: 'enterprise',
    state: 'rectifying',
    action: 'completion',
    body: { evidenceFileIds: [], assessment: { by: 'self', conclusion: '合格' } },
    status: 422,
    code: 'evidence_required',
    field: 'evidenceFileIds',
  },
  {
    what: 'a photo uploaded to another hazard',
    who: 'enterprise',
    state: 'rectifying',
    action: 'completion',
    body: { evidenceFileIds: ['evidence:other'], assessment: { by: 'self', conclusion: '合格' } },
    status: 422,
    code: 'unknown_evidence',
    field: 'evidenceFileIds',
  },
  {
    what: 'an assessment report that was never uploaded',
    who: 'enterprise',
    state: 'rectifying',
    action: 'completion',
    body: {
      evidenceFileIds: ['evidence:own'],
      assessment: {
        by: 'third_party',
        assessorName: '某安评公司',
        reportFileId: '9b2f3c1e-0000-4000-8000-000000000000',
        conclusion: '合格',
      },
    },
    status: 422,
    code: 'unknown_evidence',
    field: 'assessment.reportFileId',
  },
  {
    what: 'a major hazard without an assessment',
    who: 'enterprise',
    state: 'rectifying',
    action: 'completion',
    body: { evidenceFileIds: ['evidence:own'] },
    status: 422,
    code: 'assessment_required',
    field: 'assessment',
    says: [/评估报告/, /assessment/],
  },
  {
    what: 'an assessor kind that does not exist',
    who: 'enterprise',
    state: 'rectifying',
    action: 'completion',
    body: { evidenceFileIds: ['evidence:own'], assessment: { by: 'expert', conclusion: '合格' } },
    status: 400,
    field: 'assessment.by',
  },
  {
    what: 'a third-party assessment without the assessor',
    who: 'enterprise',
    state: 'rectifying',
    action: 'completion',
    body: { evidenceFileIds: ['evidence:own'], assessment: { by: 'third_party', conclusion: '合格' } },
    status: 422,
    field: 'assessment.assessorName',
  },
  {
    what: 'completion before the plan is approved',
    who: 'enterprise',
    state: 'plan_submitted',
    action: 'completion',
    body: { evidenceFileIds: ['evidence:own'], assessment: { by: 'self', conclusion: '合格' } },
    status: 409,
    code: 'wrong_state',
  },

  // 复核 review
  {
    what: 'a result that is neither pass nor reject',
    who: 'township',
    state: 'submitted',
    action: 'reviews',
    body: { result: 'ok' },
    status: 400,
    field: 'result',
  },
  {
    what: 'an on-site time without an offset',
    who: 'township',
    state: 'submitted',
    action: 'reviews',
    body: { result: 'pass', onSiteAt: '2026-01-05 09:00' },
    status: 400,
    field: 'onSiteAt',
  },
  {
    what: 'a review level that does not exist',
    who: 'township',
    state: 'submitted',
    action: 'reviews',
    body: { result: 'pass', level: 'province' },
    status: 400,
    field: 'level',
  },
  {
    what: 'the county level while the township review is awaited',
    who: 'township',
    state: 'submitted',
    action: 'reviews',
    body: { result: 'pass', level: 'county' },
    status: 409,
    code: 'review_level_mismatch',
    says: [/当前待复核层级为township/, /the review awaited is at township level/],
  },
  {
    what: 'a rejection without a reason',
    who: 'township',
    state: 'submitted',
    action: 'reviews',
    body: { result: 'reject' },
    status: 422,
    field: 'reason',
  },
  {
    what: 'a review before anything was submitted',
    who: 'township',
    state: 'rectifying',
    action: 'reviews',
    body: { result: 'pass' },
    status: 409,
    code: 'wrong_state',
    says: [/不能复核/, /cannot review while the hazard is rectifying/],
  },

  // 撤销 withdrawal
  {
    what: 'a kind that is neither duplicate nor false',
    who: 'county',
    state: 'reported',
    action: 'withdrawal',
    body: { kind: 'mistake', reason: '误报' },
    status: 400,
    field: 'kind',
  },
  {
    what: 'an empty reason',
    who: 'county',
    state: 'reported',
    action: 'withdrawal',
    body: { kind: 'false', reason: '' },
    status: 400,
    field: 'reason',
  },
  {
    what: 'a duplicate without the original',
    who: 'county',
    state: 'reported',
    action: 'withdrawal',
    body: { kind: 'duplicate', reason: '重复上报' },
    status: 422,
    field: 'duplicateOf',
  },
  {
    what: 'withdrawing a hazard already withdrawn',
    who: 'county',
    state: 'withdrawn',
    action: 'withdrawal',
    body: { kind: 'false', reason: '不实' },
    status: 409,
    code: 'hazard_closed',
  },

  // 停产/复产 production stop
  {
    what: 'an action that is neither ordered nor lifted',
    who: 'county',
    state: 'reported',
    action: 'production-stop',
    body: { action: 'paused' },
    status: 400,
    field: 'action',
  },
  {
    what: 'lifting a stop that was never ordered',
    who: 'county',
    state: 'reported',
    action: 'production-stop',
    body: { action: 'lifted' },
    status: 409,
    code: 'not_stopped',
    says: [/未处于停产状态/, /production is not stopped/],
  },

  // 关联事故 accident
  {
    what: 'an accident time without an offset',
    who: 'county',
    state: 'reported',
    action: 'accidents',
    body: { ...ACCIDENT, occurredAt: '2026-01-05T09:30:00' },
    status: 400,
    field: 'occurredAt',
  },
  {
    what: 'no accident id',
    who: 'county',
    state: 'reported',
    action: 'accidents',
    body: { ...ACCIDENT, accidentId: undefined },
    status: 400,
    field: 'accidentId',
  },
  {
    what: 'negative deaths',
    who: 'county',
    state: 'reported',
    action: 'accidents',
    body: { ...ACCIDENT, casualties: { deaths: -1 } },
    status: 400,
    field: 'casualties.deaths',
  },
  {
    what: 'an accident in the future',
    who: 'county',
    state: 'reported',
    action: 'accidents',
    body: { ...ACCIDENT, occurredAt: inAnHour() },
    status: 422,
    code: 'field_in_future',
    field: 'occurredAt',
  },
  {
    what: 'an accident on a withdrawn hazard',
    who: 'county',
    state: 'withdrawn',
    action: 'accidents',
    body: { ...ACCIDENT, occurredAt: anHourAgo() },
    status: 409,
    code: 'hazard_closed',
    says: [/已销号或已撤销|已撤销/, /closed or withdrawn|withdrawn/],
  },

  // 行政处罚 penalty
  {
    what: 'a negative fine',
    who: 'county',
    state: 'reported',
    action: 'penalties',
    body: { ...PENALTY, amountYuan: -5 },
    status: 400,
    field: 'amountYuan',
  },
  {
    what: 'a fine given as text',
    who: 'county',
    state: 'reported',
    action: 'penalties',
    body: { ...PENALTY, amountYuan: '20000' },
    status: 400,
    field: 'amountYuan',
  },
  {
    what: 'a fine in thousandths of a yuan',
    who: 'county',
    state: 'reported',
    action: 'penalties',
    body: { ...PENALTY, amountYuan: 1.234 },
    status: 400,
    field: 'amountYuan',
  },
  {
    what: 'a law article that is too long',
    who: 'county',
    state: 'reported',
    action: 'penalties',
    body: { ...PENALTY, lawArticle: long(201) },
    status: 400,
    field: 'lawArticle',
  },
  {
    what: 'a decision time without an offset',
    who: 'county',
    state: 'reported',
    action: 'penalties',
    body: { ...PENALTY, decidedAt: '2026-01-05' },
    status: 400,
    field: 'decidedAt',
  },
  {
    what: 'a decision in the future',
    who: 'county',
    state: 'reported',
    action: 'penalties',
    body: { ...PENALTY, decidedAt: inAnHour() },
    status: 422,
    code: 'field_in_future',
    field: 'decidedAt',
  },
];

let ds: DataSource;
let ctx: ApiTestContext;
let tree: ReferenceTree;
let api: ReturnType<typeof apiClient>;
let baseUrl: string;
const tokens = {} as Record<Who, string>;
const hazards = new Map<string, HazardFixture>();
let otherHazardsPhoto: string;

beforeAll(async () => {
  ctx = await startApiTestContext();
  ({ ds, tree } = ctx);
  baseUrl = ctx.baseUrl;
  api = ctx.api;
  tokens.enterprise = await api.login(tree.users.entA, TEST_PASSWORD);
  tokens.county = await api.login(tree.users.countyA, TEST_PASSWORD);
  tokens.township = await api.login(tree.users.townA, TEST_PASSWORD);
  const parties: HazardParties = {
    enterpriseId: tree.id.entA,
    enterprise: tokens.enterprise,
    county: tokens.county,
    township: tokens.township,
  };
  const states = [...new Set(CASES.map((c) => c.state))];
  await inBatches([...states, 'other' as const], 8, async (state) => {
    if (state === 'other') {
      otherHazardsPhoto = (await hazardIn(api, parties, 'reported', { photo: true })).fileId;
    } else if (state === 'withdrawn') {
      const h = await hazardIn(api, parties, 'reported');
      const r = await api.call('POST', `/hazards/${h.id}/withdrawal`, {
        token: tokens.county,
        body: { kind: 'false', reason: '经核实为不实举报' },
      });
      expect(r.status).toBe(200);
      hazards.set(state, h);
    } else {
      hazards.set(state, await hazardIn(api, parties, state, { photo: true }));
    }
  });
}, 120_000);

afterAll(async () => {
  await ctx?.stop();
});

/** What a refusal must not touch: the hazard row, its history, its events. */
async function traces(ids: string[]) {
  const rows = await ds.query('select * from hazards where id = any($1) order by id', [ids]);
  const history = await ds.query(
    'select hazard_id, count(*)::int as n, max(seq) as last from hazard_history where hazard_id = any($1) group by hazard_id order by hazard_id',
    [ids],
  );
  const outbox = await ds.query(
    'select hazard_id, count(*)::int as n from outbox_events where hazard_id = any($1) group by hazard_id order by hazard_id',
    [ids],
  );
  return { rows, history, outbox };
}

const fill = (body: unknown, h: HazardFixture): unknown =>
  JSON.parse(
    JSON.stringify(body ?? null)
      .replaceAll('"evidence:own"', JSON.stringify(h.fileId))
      .replaceAll('"evidence:other"', JSON.stringify(otherHazardsPhoto)),
  );

async function send(c: Case) {
  const h = hazards.get(c.state)!;
  const path = `/hazards/${h.id}/${c.action}`;
  if (c.raw !== undefined || c.body === undefined) {
    const res = await fetch(baseUrl + path, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[c.who]}`, ...(c.raw !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: c.raw,
    });
    const text = await res.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON: reported below */
    }
    return { status: res.status, body };
  }
  return api.call('POST', path, { token: tokens[c.who], body: fill(c.body, h) });
}

describe('an action with bad input is refused with the reason, and changes nothing', () => {
  it.each(CASES.map((c) => [`${c.action}: ${c.what} → ${c.status}${c.code ? ' ' + c.code : ''}`, c] as const))('%s', async (_name, c) => {
    const h = hazards.get(c.state)!;
    const before = await traces([h.id]);
    const res = await send(c);
    expect({ status: res.status, body: res.body }).toMatchObject({
      status: c.status,
      body: {
        statusCode: c.status,
        ...(c.code ? { code: c.code } : {}),
        ...(c.field ? { field: c.field } : {}),
        message: expect.any(String),
        messageEn: expect.any(String),
      },
    });
    if (c.says) {
      expect(res.body.message).toMatch(c.says[0]);
      expect(res.body.messageEn).toMatch(c.says[1]);
    }
    // Nothing happened: the same row, no new history step, no new event.
    expect(await traces([h.id])).toEqual(before);
  });

  it('the refusals were each recorded in the audit log with the code the user saw', async () => {
    const rows: { n: number }[] = await ds.query(
      `select count(*)::int as n from audit_log where result = 'refused' and http_status = 409 and detail->>'code' = 'wrong_state'
         and object_id = any($1)`,
      [[...hazards.values()].map((h) => `/hazards/${h.id}/grade`).concat([...hazards.values()].map((h) => `/hazards/${h.id}/plan`))],
    );
    expect(rows[0].n).toBeGreaterThanOrEqual(2);
  });
});
