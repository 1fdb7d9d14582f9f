import type { Actor } from '@hazards/domain/hazard/actor';
import { DEFAULT_POLICY as policy } from '@hazards/domain/policy/default-policy';
import type { HazardState } from './hazard-lifecycle.types';
import * as v from './hazard-validators';
import { initialState } from './lifecycle/initial-state';

/**
 * The validators as pure functions: what each refuses, and that each accepts the legal request.
 * (The workflow tests prove them end to end; these pin every branch, for mutation testing.)
 */
const PATH = ['nantong', 'tongzhou', 'jinsha', 'jinsha-g1'];
const E = 'ent-1';
const sup = (level: 'township' | 'county' | 'city', id: string): Actor => ({
  userId: `u-${id}`,
  role: 'supervisor',
  jurisdictionId: id,
  jurisdictionLevel: level,
});
const A = {
  town: sup('township', 'jinsha'),
  county: sup('county', 'tongzhou'),
  city: sup('city', 'nantong'),
  otherCounty: sup('county', 'haimen'),
  grid: { userId: 'u-grid', role: 'grid_inspector', jurisdictionId: 'jinsha-g1', jurisdictionLevel: 'grid' } as Actor,
  ent: { userId: 'u-ent', role: 'enterprise', enterpriseId: E } as Actor,
  director: { userId: 'u-dir', role: 'enterprise', enterpriseId: E, isSafetyDirector: true } as Actor,
  other: { userId: 'u-other', role: 'enterprise', enterpriseId: 'ent-2' } as Actor,
};
const NOW = Date.parse('2025-06-10T02:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const DAY = 24 * 3600_000;

function state(patch: Partial<HazardState> = {}): HazardState {
  const s = initialState(
    { hazardId: 'H', enterpriseId: E, jurisdictionPath: PATH, source: '企业自查', description: 'd', reportedBy: A.grid, policy },
    iso(NOW - DAY),
  );
  return { ...s, ...patch };
}
const listed = (level: 'township' | 'county' | 'city', patch: Partial<HazardState> = {}) =>
  state({
    status: 'listed',
    grade: 'major',
    listing: { level, authority: 'a', leadDepartment: 'l', listedAt: iso(NOW - DAY), listedBy: 'u', relistings: [] },
    deadlines: {
      planDue: iso(NOW + 10 * DAY),
      rectification: iso(NOW + 100 * DAY),
      extensionRequestCutoff: iso(NOW + 70 * DAY),
      extensionDecisionDue: null,
    },
    ...patch,
  });
const code = (r: { code: string } | null) => r?.code ?? null;
const plan = {
  goalAndTasks: 'a',
  methodsAndMeasures: 'b',
  fundsAndMaterials: 'c',
  responsibleBodyAndPeople: 'd',
  timeLimitAndRequirements: 'e',
  safetyMeasuresAndEmergencyPlan: 'f',
};
const ext = (
  decision: 'approve' | 'refuse' | null,
  days = 10,
  approvedWorkingDays: number | null = decision === 'approve' ? days : null,
) => ({
  requestedAt: iso(NOW),
  requestedBy: 'u-ent',
  workingDays: days,
  reason: 'r',
  decision,
  decidedAt: null,
  decidedBy: null,
  decisionReason: null,
  approvedWorkingDays,
  previousDeadline: null,
  newDeadline: null,
});

describe('validateGrade', () => {
  const g = { actor: A.town, grade: 'general' as const, accidentType: '火灾' as const, industry: '制造业' };
  const m = { ...g, grade: 'major' as const, criterion: { standard: 's', item: 'i' } };
  it('accepts a township supervisor or grid inspector grading general, a supervisor grading major', () => {
    expect(v.validateGrade(state(), g)).toBeNull();
    expect(v.validateGrade(state(), { ...g, actor: A.grid })).toBeNull();
    expect(v.validateGrade(state(), m)).toBeNull();
    expect(v.validateGrade(state(), { ...g, generalMode: 'short' })).toBeNull();
  });
  it('refuses the rest, each with its reason', () => {
    expect(code(v.validateGrade(state(), { ...g, actor: undefined as never }))).toBe('ACTOR_REQUIRED');
    expect(code(v.validateGrade(state(), { ...g, actor: { userId: ' ', role: 'supervisor' } }))).toBe('ACTOR_REQUIRED');
    expect(code(v.validateGrade(state({ status: 'rectifying' }), g))).toBe('WRONG_STATE');
    expect(code(v.validateGrade(state({ status: 'closed' }), g))).toBe('HAZARD_CLOSED');
    expect(v.validateGrade(state({ status: 'withdrawn' }), g)?.zh).toContain('撤销');
    expect(v.validateGrade(state({ status: 'closed' }), g)?.zh).toContain('销号');
    expect(code(v.validateGrade(state(), { ...g, actor: A.ent }))).toBe('ROLE_NOT_ALLOWED');
    expect(code(v.validateGrade(state(), { ...g, actor: A.otherCounty }))).toBe('ROLE_NOT_ALLOWED');
    expect(code(v.validateGrade(state(), { ...g, grade: 'minor' as never }))).toBe('FIELD_INVALID');
    expect(code(v.validateGrade(state(), { ...g, accidentType: '电击' as never }))).toBe('FIELD_INVALID');
    expect(code(v.validateGrade(state(), { ...g, industry: ' ' }))).toBe('FIELD_REQUIRED');
    expect(code(v.validateGrade(state(), { ...m, actor: A.grid }))).toBe('MAJOR_NEEDS_SUPERVISOR');
    expect(code(v.validateGrade(state(), { ...m, criterion: { standard: 's', item: '' } }))).toBe('CRITERION_REQUIRED');
    expect(code(v.validateGrade(state(), { ...m, criterion: undefined }))).toBe('CRITERION_REQUIRED');
    expect(code(v.validateGrade(state(), { ...g, generalMode: 'later' as never }))).toBe('FIELD_INVALID');
  });
});

describe('validateList', () => {
  const s = () => state({ status: 'awaiting_listing', grade: 'major' });
  const l = { actor: A.county, level: 'county' as const, authority: '通州区人民政府', leadDepartment: '应急局' };
  it('accepts a supervisor of the level, a past publication, a deadline within the cap', () => {
    expect(v.validateList(s(), l, NOW, policy)).toBeNull();
    expect(v.validateList(s(), { ...l, publishedAt: iso(NOW - 1), deadlineWorkingDays: 250 }, NOW, policy)).toBeNull();
    expect(v.validateList(s(), { ...l, deadlineWorkingDays: 1 }, NOW, policy)).toBeNull();
  });
  it('refuses another level, missing names, a future or invalid publication, a deadline out of range', () => {
    expect(code(v.validateList(state(), l, NOW, policy))).toBe('WRONG_STATE');
    expect(code(v.validateList(s(), { ...l, level: 'province' as never }, NOW, policy))).toBe('FIELD_INVALID');
    expect(code(v.validateList(s(), { ...l, actor: A.town }, NOW, policy))).toBe('WRONG_LEVEL');
    expect(code(v.validateList(s(), { ...l, actor: A.otherCounty }, NOW, policy))).toBe('WRONG_LEVEL');
    expect(code(v.validateList(s(), { ...l, authority: '' }, NOW, policy))).toBe('FIELD_REQUIRED');
    expect(code(v.validateList(s(), { ...l, leadDepartment: '' }, NOW, policy))).toBe('FIELD_REQUIRED');
    expect(code(v.validateList(s(), { ...l, publishedAt: iso(NOW + 1) }, NOW, policy))).toBe('FIELD_IN_FUTURE');
    expect(code(v.validateList(s(), { ...l, publishedAt: 'yesterday' }, NOW, policy))).toBe('FIELD_INVALID');
    for (const d of [0, 251, 1.5]) expect(code(v.validateList(s(), { ...l, deadlineWorkingDays: d }, NOW, policy))).toBe('FIELD_INVALID');
  });
});

describe('validateSubmitPlan and validateDecidePlan', () => {
  const p = { actor: A.ent, plan, interimMeasures: '限产', productionStopped: false };
  it('accepts the own enterprise’s six-part plan, and the listing level’s decision', () => {
    expect(v.validateSubmitPlan(listed('county'), p)).toBeNull();
    expect(v.validateDecidePlan(listed('county', { status: 'plan_submitted' }), { actor: A.county, decision: 'approve' })).toBeNull();
    expect(
      v.validateDecidePlan(listed('county', { status: 'plan_submitted' }), { actor: A.county, decision: 'return', reason: '不完整' }),
    ).toBeNull();
    // A hazard without a listing is decided by any supervisor of the path.
    expect(v.validateDecidePlan(state({ status: 'plan_submitted', grade: 'general' }), { actor: A.town, decision: 'approve' })).toBeNull();
  });
  it('refuses another enterprise, a missing part, no interim measures, no stop answer; another level, no reason', () => {
    expect(code(v.validateSubmitPlan(state(), p))).toBe('WRONG_STATE');
    expect(code(v.validateSubmitPlan(listed('county'), { ...p, actor: A.other }))).toBe('NOT_OWN_ENTERPRISE');
    expect(code(v.validateSubmitPlan(listed('county'), { ...p, actor: A.county }))).toBe('NOT_OWN_ENTERPRISE');
    expect(code(v.validateSubmitPlan(listed('county'), { ...p, plan: undefined as never }))).toBe('FIELD_REQUIRED');
    for (const part of Object.keys(plan)) {
      expect(v.validateSubmitPlan(listed('county'), { ...p, plan: { ...plan, [part]: '' } })).toMatchObject({
        code: 'FIELD_REQUIRED',
        field: `plan.${part}`,
      });
    }
    expect(v.validateSubmitPlan(listed('county'), { ...p, interimMeasures: '' })).toMatchObject({ field: 'interimMeasures' });
    expect(v.validateSubmitPlan(listed('county'), { ...p, productionStopped: 'no' as never })).toMatchObject({
      field: 'productionStopped',
    });
    const sub = listed('county', { status: 'plan_submitted' });
    expect(code(v.validateDecidePlan(listed('county'), { actor: A.county, decision: 'approve' }))).toBe('WRONG_STATE');
    expect(code(v.validateDecidePlan(sub, { actor: A.city, decision: 'approve' }))).toBe('WRONG_LEVEL');
    expect(code(v.validateDecidePlan(sub, { actor: A.town, decision: 'approve' }))).toBe('WRONG_LEVEL');
    expect(
      code(v.validateDecidePlan(state({ status: 'plan_submitted', grade: 'general' }), { actor: A.otherCounty, decision: 'approve' })),
    ).toBe('NOT_SUPERVISOR_OF_JURISDICTION');
    expect(code(v.validateDecidePlan(sub, { actor: A.county, decision: 'maybe' as never }))).toBe('FIELD_INVALID');
    expect(v.validateDecidePlan(sub, { actor: A.county, decision: 'return' })).toMatchObject({ code: 'FIELD_REQUIRED', field: 'reason' });
  });
});

describe('validateRequestExtension and validateDecideExtension', () => {
  const rect = listed('county', { status: 'rectifying' });
  const ask = { actor: A.ent, workingDays: 20, reason: '设备未到' };
  it('accepts an early request within the caps, and the listing level’s decision', () => {
    expect(v.validateRequestExtension(rect, ask, NOW, policy)).toBeNull();
    expect(v.validateRequestExtension(listed('county'), ask, NOW, policy)).toBeNull();
    expect(
      v.validateRequestExtension(listed('county', { status: 'rectifying', extensions: [ext('approve')] }), ask, NOW, policy),
    ).toBeNull();
    expect(
      v.validateRequestExtension(listed('county', { status: 'rectifying', extensions: [ext('refuse'), ext('refuse')] }), ask, NOW, policy),
    ).toBeNull();
    const pending = listed('county', { status: 'rectifying', extensions: [ext(null, 20)] });
    expect(v.validateDecideExtension(pending, { actor: A.county, decision: 'approve' })).toBeNull();
    expect(v.validateDecideExtension(pending, { actor: A.county, decision: 'approve', workingDays: 20 })).toBeNull();
    expect(v.validateDecideExtension(pending, { actor: A.county, decision: 'approve', workingDays: 1 })).toBeNull();
    expect(v.validateDecideExtension(pending, { actor: A.county, decision: 'refuse', reason: '不充分' })).toBeNull();
  });
  it('counts the approved extensions against the cap: two approved, a third is refused', () => {
    const two = listed('county', { status: 'rectifying', extensions: [ext('approve'), ext('refuse'), ext('approve')] });
    expect(code(v.validateRequestExtension(two, ask, NOW, policy))).toBe('EXTENSION_CAP_REACHED');
  });
  it('counts approved days against the ceiling from listing', () => {
    const long = listed('county', {
      status: 'rectifying',
      listing: {
        level: 'county',
        authority: 'a',
        leadDepartment: 'l',
        listedAt: iso(NOW),
        listedBy: 'u',
        relistings: [],
        deadlineWorkingDays: 200,
      },
      extensions: [ext('approve', 40)],
    });
    expect(code(v.validateRequestExtension(long, { ...ask, workingDays: 11 }, NOW, policy))).toBe('EXTENSION_BEYOND_CEILING');
    expect(v.validateRequestExtension(long, { ...ask, workingDays: 10 }, NOW, policy)).toBeNull();
  });
  it('refuses the wrong state, another enterprise, no reason, a pending one, a late one; a decision without request, by another level, without reason, longer than asked', () => {
    expect(code(v.validateRequestExtension(state(), ask, NOW, policy))).toBe('WRONG_STATE');
    expect(code(v.validateRequestExtension(rect, { ...ask, actor: A.other }, NOW, policy))).toBe('NOT_OWN_ENTERPRISE');
    expect(code(v.validateRequestExtension(rect, { ...ask, reason: '' }, NOW, policy))).toBe('FIELD_REQUIRED');
    expect(code(v.validateRequestExtension(listed('county', { status: 'rectifying', extensions: [ext(null)] }), ask, NOW, policy))).toBe(
      'EXTENSION_PENDING',
    );
    expect(code(v.validateRequestExtension(rect, ask, NOW + 71 * DAY, policy))).toBe('EXTENSION_TOO_LATE');
    expect(code(v.validateRequestExtension(rect, { ...ask, workingDays: 61 }, NOW, policy))).toBe('EXTENSION_LENGTH_INVALID');
    expect(code(v.validateRequestExtension(state({ status: 'rectifying', grade: 'general' }), ask, NOW, policy))).toBe('NO_DEADLINE');
    const pending = listed('county', { status: 'rectifying', extensions: [ext(null, 20)] });
    expect(code(v.validateDecideExtension(rect, { actor: A.county, decision: 'approve' }))).toBe('NO_PENDING_EXTENSION');
    expect(code(v.validateDecideExtension(state(), { actor: A.county, decision: 'approve' }))).toBe('WRONG_STATE');
    expect(code(v.validateDecideExtension(pending, { actor: A.town, decision: 'approve' }))).toBe('WRONG_LEVEL');
    expect(code(v.validateDecideExtension(pending, { actor: A.county, decision: 'later' as never }))).toBe('FIELD_INVALID');
    expect(v.validateDecideExtension(pending, { actor: A.county, decision: 'refuse' })).toMatchObject({
      code: 'FIELD_REQUIRED',
      field: 'reason',
    });
    for (const d of [0, 21, 2.5])
      expect(v.validateDecideExtension(pending, { actor: A.county, decision: 'approve', workingDays: d })).toMatchObject({
        code: 'FIELD_INVALID',
        field: 'workingDays',
      });
  });
});

describe('validateSubmitCompletion and validateReview', () => {
  const rect = listed('county', { status: 'rectifying' });
  const done = { actor: A.ent, evidenceFileIds: ['f'], assessment: { by: 'self' as const, conclusion: '合格' } };
  const review = (
    levels: ('township' | 'county' | 'city' | 'verification')[],
    index = 0,
    escalatedTo: 'county' | 'city' | 'province' | null = null,
  ) => listed('county', { status: 'submitted', review: { round: 1, levels, index, startedAt: iso(NOW), dueAt: null, escalatedTo } });
  it('accepts completion with evidence and assessment, and the awaited level’s review', () => {
    expect(v.validateSubmitCompletion(rect, done)).toBeNull();
    expect(
      v.validateSubmitCompletion(state({ status: 'rectifying', grade: 'general' }), { actor: A.ent, evidenceFileIds: ['f'] }),
    ).toBeNull();
    expect(
      v.validateSubmitCompletion(rect, { ...done, assessment: { by: 'third_party', assessorName: '某公司', conclusion: '合格' } }),
    ).toBeNull();
    expect(v.validateReview(review(['township', 'county']), { actor: A.town, result: 'pass' }, policy)).toBeNull();
    expect(
      v.validateReview(
        review(['township', 'county']),
        { actor: A.town, level: 'township', result: 'reject', reason: 'x', onSiteAt: iso(NOW) },
        policy,
      ),
    ).toBeNull();
    expect(v.validateReview(review(['township', 'county'], 0, 'county'), { actor: A.county, result: 'pass' }, policy)).toBeNull();
  });
  it('refuses completion without evidence or assessment; a review at another level, by another person, without reason', () => {
    expect(code(v.validateSubmitCompletion(listed('county'), done))).toBe('WRONG_STATE');
    expect(code(v.validateSubmitCompletion(rect, { ...done, actor: A.other }))).toBe('NOT_OWN_ENTERPRISE');
    expect(code(v.validateSubmitCompletion(rect, { ...done, evidenceFileIds: [] }))).toBe('EVIDENCE_REQUIRED');
    expect(code(v.validateSubmitCompletion(rect, { ...done, evidenceFileIds: [''] }))).toBe('EVIDENCE_REQUIRED');
    expect(code(v.validateSubmitCompletion(rect, { ...done, evidenceFileIds: 'f' as never }))).toBe('EVIDENCE_REQUIRED');
    expect(code(v.validateSubmitCompletion(rect, { ...done, assessment: undefined }))).toBe('ASSESSMENT_REQUIRED');
    expect(code(v.validateSubmitCompletion(rect, { ...done, assessment: { by: 'friend' as never, conclusion: 'ok' } }))).toBe(
      'FIELD_INVALID',
    );
    expect(v.validateSubmitCompletion(rect, { ...done, assessment: { by: 'third_party', conclusion: 'ok' } })).toMatchObject({
      field: 'assessment.assessorName',
    });
    expect(v.validateSubmitCompletion(rect, { ...done, assessment: { by: 'self', conclusion: '' } })).toMatchObject({
      field: 'assessment.conclusion',
    });
    expect(code(v.validateReview(rect, { actor: A.town, result: 'pass' }, policy))).toBe('WRONG_STATE');
    expect(code(v.validateReview(review(['township', 'county']), { actor: A.county, level: 'county', result: 'pass' }, policy))).toBe(
      'REVIEW_LEVEL_MISMATCH',
    );
    expect(code(v.validateReview(review(['township', 'county']), { actor: A.county, result: 'pass' }, policy))).toBe(
      'REVIEWER_NOT_ALLOWED',
    );
    expect(code(v.validateReview(review(['township', 'county'], 1), { actor: A.town, result: 'pass' }, policy))).toBe(
      'REVIEWER_NOT_ALLOWED',
    );
    expect(code(v.validateReview(review(['township', 'county']), { actor: A.town, result: 'maybe' as never }, policy))).toBe(
      'FIELD_INVALID',
    );
    expect(v.validateReview(review(['township', 'county']), { actor: A.town, result: 'reject' }, policy)).toMatchObject({
      field: 'reason',
    });
    expect(v.validateReview(review(['township', 'county']), { actor: A.town, result: 'pass', onSiteAt: 'soon' }, policy)).toMatchObject({
      field: 'onSiteAt',
    });
    expect(code(v.validateReview(review(['verification']), { actor: A.director, result: 'pass' }, policy))).toBe('REVIEWER_NOT_ALLOWED');
  });
});

describe('validateWithdraw, validateProductionStop, validateLinkAccident, validateRecordPenalty', () => {
  const w = { actor: A.city, kind: 'false' as const, reason: '不实' };
  it('withdrawal: only the listing level or above, with a reason; a duplicate names its original', () => {
    expect(v.validateWithdraw(listed('county'), w)).toBeNull();
    expect(v.validateWithdraw(listed('county'), { ...w, actor: A.county })).toBeNull();
    expect(v.validateWithdraw(state(), { ...w, actor: A.town })).toBeNull();
    expect(v.validateWithdraw(listed('county'), { ...w, kind: 'duplicate', duplicateOf: 'H-1' })).toBeNull();
    expect(code(v.validateWithdraw(listed('county'), { ...w, actor: A.town }))).toBe('WITHDRAW_BELOW_LISTING_LEVEL');
    expect(code(v.validateWithdraw(listed('city'), { ...w, actor: A.county }))).toBe('WITHDRAW_BELOW_LISTING_LEVEL');
    expect(code(v.validateWithdraw(listed('county'), { ...w, actor: A.ent }))).toBe('NOT_SUPERVISOR_OF_JURISDICTION');
    expect(code(v.validateWithdraw(state({ status: 'closed' }), w))).toBe('HAZARD_CLOSED');
    expect(code(v.validateWithdraw(listed('county'), { ...w, kind: 'other' as never }))).toBe('FIELD_INVALID');
    expect(v.validateWithdraw(listed('county'), { ...w, reason: '' })).toMatchObject({ field: 'reason' });
    expect(v.validateWithdraw(listed('county'), { ...w, kind: 'duplicate' })).toMatchObject({ field: 'duplicateOf' });
  });
  it('production stop: ordered by a supervisor or the enterprise, lifted by the ordering level or above', () => {
    const stopped = (level?: 'township' | 'county' | 'city') =>
      listed('county', {
        production: {
          stopped: true,
          scope: null,
          changes: [{ action: 'ordered', scope: null, at: iso(NOW), by: 'u', reason: null, ...(level ? { level } : {}) }],
        },
      });
    expect(v.validateProductionStop(listed('county'), { actor: A.ent, action: 'ordered' })).toBeNull();
    expect(v.validateProductionStop(listed('county'), { actor: A.town, action: 'ordered' })).toBeNull();
    expect(v.validateProductionStop(stopped('county'), { actor: A.county, action: 'lifted' })).toBeNull();
    expect(v.validateProductionStop(stopped('county'), { actor: A.city, action: 'lifted' })).toBeNull();
    expect(v.validateProductionStop(stopped(), { actor: A.town, action: 'lifted' })).toBeNull();
    expect(code(v.validateProductionStop(stopped('county'), { actor: A.town, action: 'lifted' }))).toBe('LIFT_BELOW_ORDERING_LEVEL');
    expect(code(v.validateProductionStop(stopped('county'), { actor: A.ent, action: 'lifted' }))).toBe('NOT_SUPERVISOR_OF_JURISDICTION');
    expect(code(v.validateProductionStop(listed('county'), { actor: A.other, action: 'ordered' }))).toBe('ROLE_NOT_ALLOWED');
    expect(code(v.validateProductionStop(stopped('county'), { actor: A.county, action: 'ordered' }))).toBe('ALREADY_STOPPED');
    expect(code(v.validateProductionStop(listed('county'), { actor: A.county, action: 'lifted' }))).toBe('NOT_STOPPED');
    expect(code(v.validateProductionStop(listed('county'), { actor: A.county, action: 'paused' as never }))).toBe('FIELD_INVALID');
    expect(code(v.validateProductionStop(state({ status: 'withdrawn' }), { actor: A.county, action: 'ordered' }))).toBe('HAZARD_CLOSED');
  });
  it('accidents and penalties: by a supervisor of the path, in the past, with their facts', () => {
    const acc = { actor: A.county, accidentId: 'A1', occurredAt: iso(NOW - DAY), description: '事故' };
    expect(v.validateLinkAccident(listed('county'), acc, NOW)).toBeNull();
    expect(v.validateLinkAccident(listed('county'), { ...acc, occurredAt: iso(NOW) }, NOW)).toBeNull();
    expect(code(v.validateLinkAccident(listed('county'), { ...acc, actor: A.ent }, NOW))).toBe('NOT_SUPERVISOR_OF_JURISDICTION');
    expect(code(v.validateLinkAccident(listed('county'), { ...acc, occurredAt: iso(NOW + 1) }, NOW))).toBe('FIELD_IN_FUTURE');
    expect(code(v.validateLinkAccident(listed('county'), { ...acc, occurredAt: undefined as never }, NOW))).toBe('FIELD_REQUIRED');
    expect(v.validateLinkAccident(listed('county'), { ...acc, accidentId: '' }, NOW)).toMatchObject({ field: 'accidentId' });
    expect(v.validateLinkAccident(listed('county'), { ...acc, description: '' }, NOW)).toMatchObject({ field: 'description' });
    const pen = { actor: A.county, lawArticle: '《安全生产法》第一百零二条', amountYuan: 0 };
    expect(v.validateRecordPenalty(listed('county'), pen, NOW)).toBeNull();
    expect(v.validateRecordPenalty(listed('county'), { ...pen, decidedAt: iso(NOW) }, NOW)).toBeNull();
    expect(code(v.validateRecordPenalty(listed('county'), { ...pen, amountYuan: -1 }, NOW))).toBe('FIELD_INVALID');
    expect(code(v.validateRecordPenalty(listed('county'), { ...pen, amountYuan: Infinity }, NOW))).toBe('FIELD_INVALID');
    expect(code(v.validateRecordPenalty(listed('county'), { ...pen, amountYuan: '5' as never }, NOW))).toBe('FIELD_INVALID');
    expect(code(v.validateRecordPenalty(listed('county'), { ...pen, lawArticle: '' }, NOW))).toBe('FIELD_REQUIRED');
    expect(code(v.validateRecordPenalty(listed('county'), { ...pen, decidedAt: iso(NOW + 1) }, NOW))).toBe('FIELD_IN_FUTURE');
    expect(code(v.validateRecordPenalty(listed('county'), { ...pen, actor: A.otherCounty }, NOW))).toBe('NOT_SUPERVISOR_OF_JURISDICTION');
  });
  it('messages are zh-CN first, English second', () => {
    const r = v.validateWithdraw(listed('city'), { ...w, actor: A.county })!;
    expect(r.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(r.en).toMatch(/^[a-z]/i);
  });
});

describe('validateMigratePolicy', () => {
  const admin: Actor = { userId: 'u-admin', role: 'admin' };
  const next = { ...policy, version: 'default-v3', effectiveFrom: '2027-06-01' };
  const m = { actor: admin, policy: next, reason: '更正整改期限 / corrected deadlines' };
  it('accepts an admin moving an open hazard to a newer version, with a reason', () => {
    expect(v.validateMigratePolicy(state(), m, NOW, policy)).toBeNull();
    expect(v.validateMigratePolicy(listed('county'), m, NOW, policy)).toBeNull();
  });
  it('refuses anyone else, a missing reason or policy, the same or an older version, a closed hazard', () => {
    expect(code(v.validateMigratePolicy(state(), { ...m, actor: undefined as never }, NOW, policy))).toBe('ACTOR_REQUIRED');
    // An update sent with no argument at all (e.g. from the temporal CLI) is refused, not a TypeError.
    expect(code(v.validateMigratePolicy(state(), undefined as never, NOW, policy))).toBe('ACTOR_REQUIRED');
    expect(code(v.validateMigratePolicy(state({ status: 'closed' }), m, NOW, policy))).toBe('HAZARD_CLOSED');
    expect(code(v.validateMigratePolicy(state(), { ...m, actor: A.city }, NOW, policy))).toBe('ADMIN_ONLY');
    expect(v.validateMigratePolicy(state(), { ...m, actor: A.city }, NOW, policy)).toMatchObject({ type: 'Forbidden', field: 'actor' });
    expect(v.validateMigratePolicy(state(), { ...m, reason: ' ' }, NOW, policy)).toMatchObject({ code: 'FIELD_REQUIRED', field: 'reason' });
    expect(v.validateMigratePolicy(state(), { ...m, policy: undefined as never }, NOW, policy)).toMatchObject({
      code: 'FIELD_REQUIRED',
      field: 'policy',
    });
    expect(code(v.validateMigratePolicy(state(), { ...m, policy: { ...next, version: '' } }, NOW, policy))).toBe('FIELD_REQUIRED');
    expect(code(v.validateMigratePolicy(state(), { ...m, policy: { ...next, effectiveFrom: '' } }, NOW, policy))).toBe('FIELD_REQUIRED');
    // The hazard's own version, even with a later date: already current.
    expect(v.validateMigratePolicy(state(), { ...m, policy: { ...next, version: policy.version } }, NOW, policy)).toMatchObject({
      type: 'IllegalState',
      code: 'POLICY_ALREADY_CURRENT',
    });
    const older = v.validateMigratePolicy(
      state(),
      { ...m, policy: { ...next, version: 'default-v1', effectiveFrom: '2024-01-01' } },
      NOW,
      policy,
    );
    expect(older).toMatchObject({ type: 'IllegalState', code: 'POLICY_NOT_NEWER', field: 'policy' });
    expect(older?.zh).toContain('default-v1');
    expect(older?.en).toContain('default-v2');
  });
});
