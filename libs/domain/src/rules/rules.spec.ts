import { DEFAULT_POLICY as policy } from '../policy/default-policy';
import { hazardWorkflowId } from '../hazard/hazard-workflow-id';
import { checkArt113 } from './art113.rule';
import { mayReview } from './actor.rule';
import { rectificationSchedule, rectificationWorkingDays } from './deadline-schedule.rule';
import { checkExtensionRequest } from './extension.rule';
import { levelAbove, nextListingLevel } from './listing-ladder.rule';
import { reviewLevelsFor } from './review-levels.rule';
import { accidentIsHeavier, tracingDueByRejections } from './tracing.rule';

const DAY = 24 * 3600 * 1000;
const hazard = { enterpriseId: 'e1', jurisdictionPath: ['nantong', 'tongzhou', 'jinsha'] };

describe('review levels (三级复核)', () => {
  it('a township listing is reviewed once, a county listing twice, a city listing three times, bottom up', () => {
    expect(reviewLevelsFor(policy, 'major', 'township')).toEqual(['township']);
    expect(reviewLevelsFor(policy, 'major', 'county')).toEqual(['township', 'county']);
    expect(reviewLevelsFor(policy, 'major', 'city')).toEqual(['township', 'county', 'city']);
  });
  it('a general hazard is verified once', () => {
    expect(reviewLevelsFor(policy, 'general', null)).toEqual(['verification']);
  });
});

describe('re-listing one level up (升级挂牌)', () => {
  it('goes 镇 → 县 → 市 and stops at the city', () => {
    expect(nextListingLevel('township')).toBe('county');
    expect(nextListingLevel('county')).toBe('city');
    expect(nextListingLevel('city')).toBeNull();
    expect(levelAbove('city')).toBe('province');
  });
});

describe('Safety Law art 113 (提请关闭)', () => {
  const now = Date.parse('2026-06-30T00:00:00Z');
  const ago = (days: number) => new Date(now - days * DAY).toISOString();
  it('three penalties within 180 days on a major hazard recommend closure', () => {
    const r = checkArt113(policy, 'major', [ago(170), ago(90), ago(1)], now);
    expect(r.triggered).toBe(true);
    expect(r.threshold).toEqual({ penalties: 3, withinDays: 180 });
  });
  it('three penalties spread over more than 180 days do not, but four within a year do', () => {
    expect(checkArt113(policy, 'major', [ago(200), ago(90), ago(1)], now).triggered).toBe(false);
    const r = checkArt113(policy, 'major', [ago(360), ago(200), ago(90), ago(1)], now);
    expect(r).toMatchObject({ triggered: true, threshold: { penalties: 4, withinDays: 365 } });
  });
  it('does not apply to general hazards', () => {
    expect(checkArt113(policy, 'general', [ago(3), ago(2), ago(1)], now).triggered).toBe(false);
  });
});

describe('responsibility tracing (责任倒查) and heavier accountability (从重)', () => {
  it('is due on the third rejected review, once', () => {
    expect(tracingDueByRejections(policy, 2, false)).toBe(false);
    expect(tracingDueByRejections(policy, 3, false)).toBe(true);
    expect(tracingDueByRejections(policy, 4, true)).toBe(false);
  });
  it('an accident while the hazard is being rectified is heavier; one reported with the hazard is not', () => {
    expect(accidentIsHeavier(policy, 'rectifying')).toBe(true);
    expect(accidentIsHeavier(policy, 'submitted')).toBe(true);
    expect(accidentIsHeavier(policy, 'reported')).toBe(false);
  });
});

describe('extension eligibility (延期)', () => {
  const base = {
    now: Date.parse('2026-03-01T00:00:00Z'),
    deadline: '2026-05-01T00:00:00Z',
    requestCutoff: '2026-04-01T00:00:00Z',
    approvedCount: 0,
    pending: false,
    requestedWorkingDays: 20,
  };
  it('accepts a request made before the cutoff', () => expect(checkExtensionRequest(policy, base)).toBeNull());
  it('refuses a request later than 20 working days before the deadline', () =>
    expect(checkExtensionRequest(policy, { ...base, now: Date.parse('2026-04-02T00:00:00Z') })?.code).toBe('EXTENSION_TOO_LATE'));
  it('refuses a third extension', () => expect(checkExtensionRequest(policy, { ...base, approvedCount: 2 })?.code).toBe('EXTENSION_CAP_REACHED'));
  it('refuses a second request while one is pending', () => expect(checkExtensionRequest(policy, { ...base, pending: true })?.code).toBe('EXTENSION_PENDING'));
  it('refuses an extension longer than the policy allows', () =>
    expect(checkExtensionRequest(policy, { ...base, requestedWorkingDays: 61 })).toMatchObject({ code: 'EXTENSION_LENGTH_INVALID', field: 'workingDays' }));
});

describe('deadline schedule', () => {
  it('a county listing is due in 90 working days with reminders, the extension cutoff, every ladder stage and tracing', () => {
    const d = rectificationWorkingDays(policy, { grade: 'major', listingLevel: 'county' });
    expect(d).toBe(90);
    const s = rectificationSchedule(policy, { grade: 'major', rectificationWorkingDays: d, planWorkingDays: 10 });
    const offsets = Object.fromEntries(s.map((x) => [JSON.stringify(x.item), x.offset]));
    expect(offsets['{"kind":"plan_due"}']).toBe(10);
    expect(offsets['{"kind":"plan_reminder","daysBefore":3}']).toBe(7);
    expect(offsets['{"kind":"rectification_due"}']).toBe(90);
    expect(offsets['{"kind":"rectification_reminder","daysBefore":10}']).toBe(80);
    expect(offsets['{"kind":"extension_cutoff"}']).toBe(70);
    expect(s.filter((x) => x.item.kind === 'ladder').map((x) => x.offset)).toEqual([91, 95, 100, 110, 120]);
    expect(offsets['{"kind":"tracing_overdue","afterOverdueWorkingDays":40}']).toBe(130);
  });
  it('a listing deadline is capped at the policy maximum (one year)', () => {
    expect(rectificationWorkingDays(policy, { grade: 'major', listingLevel: 'city', requested: 400 })).toBe(250);
  });
  it('a general hazard is due in 1 working day when fixed immediately, 5 with a short deadline', () => {
    expect(rectificationWorkingDays(policy, { grade: 'general', generalMode: 'immediate' })).toBe(1);
    expect(rectificationWorkingDays(policy, { grade: 'general', generalMode: 'short' })).toBe(5);
  });
});

describe('who may review', () => {
  const sup = (level: 'township' | 'county' | 'city', id: string) => ({ userId: id, role: 'supervisor' as const, jurisdictionId: id, jurisdictionLevel: level });
  it('a county supervisor reviews the county level, not the township level', () => {
    expect(mayReview(policy, sup('county', 'tongzhou'), hazard, 'county', null)).toBe(true);
    expect(mayReview(policy, sup('county', 'tongzhou'), hazard, 'township', null)).toBe(false);
  });
  it('after the township missed its window the county may take the township review over (一岗双责)', () => {
    expect(mayReview(policy, sup('county', 'tongzhou'), hazard, 'township', 'county')).toBe(true);
  });
  it('a supervisor of another county may not review', () => {
    expect(mayReview(policy, sup('county', 'haimen'), hazard, 'county', null)).toBe(false);
  });
  it('a safety director verifies a general hazard only where policy says so', () => {
    const director = { userId: 'd', role: 'enterprise' as const, enterpriseId: 'e1', isSafetyDirector: true };
    expect(mayReview(policy, director, hazard, 'verification', null)).toBe(false);
    const lenient = { ...policy, review: { ...policy.review, general: { verifierRoles: ['supervisor' as const], safetyDirectorMayVerify: true } } };
    expect(mayReview(lenient, director, hazard, 'verification', null)).toBe(true);
  });
});

describe('workflow id', () => {
  it('is hazard-<id>, so one hazard has one lifecycle', () => expect(hazardWorkflowId('H-1')).toBe('hazard-H-1'));
});
