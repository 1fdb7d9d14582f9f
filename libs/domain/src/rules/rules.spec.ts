import { DEFAULT_POLICY as policy } from '../policy/default-policy';
import { hazardWorkflowId } from '../hazard/hazard-workflow-id';
import { art113Applies, art113Closure, checkArt113, countsForArt113, lawOf } from './art113.rule';
import { isSupervisorAtOrAbove, mayReview } from './actor.rule';
import { usedRectificationWorkingDays } from './extension-period.rule';
import { rectificationSchedule, rectificationWorkingDays } from './deadline-schedule.rule';
import { checkExtensionRequest } from './extension.rule';
import { isAtOrAbove, levelAbove, nextListingLevel, relistTarget } from './listing-ladder.rule';
import { reviewLevelsFor } from './review-levels.rule';
import { accidentIsHeavier, statusAt, tracingDueByRejections } from './tracing.rule';

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

/** An extension request that every rule allows: each test changes the one fact it is about. */
const EXTENSION_REQUEST = {
  now: Date.parse('2026-03-01T00:00:00Z'),
  deadline: '2026-05-01T00:00:00Z',
  requestCutoff: '2026-04-01T00:00:00Z',
  approvedCount: 0,
  pending: false,
  requestedWorkingDays: 20,
  usedWorkingDays: 90,
};

describe('extension eligibility (延期)', () => {
  const base = EXTENSION_REQUEST;
  it('accepts a request made before the cutoff', () => expect(checkExtensionRequest(policy, base)).toBeNull());
  it('refuses a request later than 20 working days before the deadline', () =>
    expect(checkExtensionRequest(policy, { ...base, now: Date.parse('2026-04-02T00:00:00Z') })?.code).toBe('EXTENSION_TOO_LATE'));
  it('accepts a request made at the cutoff instant itself', () =>
    expect(checkExtensionRequest(policy, { ...base, now: Date.parse(base.requestCutoff) })).toBeNull());
  it('refuses a third extension', () =>
    expect(checkExtensionRequest(policy, { ...base, approvedCount: 2 })?.code).toBe('EXTENSION_CAP_REACHED'));
  it('refuses a second request while one is pending', () =>
    expect(checkExtensionRequest(policy, { ...base, pending: true })?.code).toBe('EXTENSION_PENDING'));
  it('refuses an extension longer than the policy allows', () =>
    expect(checkExtensionRequest(policy, { ...base, requestedWorkingDays: 61 })).toMatchObject({
      code: 'EXTENSION_LENGTH_INVALID',
      field: 'workingDays',
    }));
  it('asks for a whole number of working days from 1 up to the policy’s longest extension (60 included)', () => {
    const used = { ...base, usedWorkingDays: 0 };
    for (const days of [0, -1, 1.5])
      expect(checkExtensionRequest(policy, { ...used, requestedWorkingDays: days })?.code).toBe('EXTENSION_LENGTH_INVALID');
    expect(checkExtensionRequest(policy, { ...used, requestedWorkingDays: 1 })).toBeNull();
    expect(checkExtensionRequest(policy, { ...used, requestedWorkingDays: 60 })).toBeNull();
  });
  it('has nothing to extend without a deadline or without its request cutoff', () => {
    expect(checkExtensionRequest(policy, { ...base, deadline: null })?.code).toBe('NO_DEADLINE');
    expect(checkExtensionRequest(policy, { ...base, requestCutoff: null })?.code).toBe('NO_DEADLINE');
  });
  it('tells how many days may still be granted, never fewer than none, when the ceiling is passed', () => {
    const r = checkExtensionRequest(policy, {
      ...base,
      requestedWorkingDays: 1,
      usedWorkingDays: policy.rectification.maxWorkingDays + 10,
    });
    expect(r?.zh).toContain('最多还可延期0个工作日');
    expect(r?.en).toContain('at most 0 more');
  });
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
    expect(s.filter((x) => x.item.kind === 'ladder').map((x) => x.offset)).toEqual([91, 95, 100, 105, 110, 120]);
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
  const sup = (level: 'township' | 'county' | 'city', id: string) => ({
    userId: id,
    role: 'supervisor' as const,
    jurisdictionId: id,
    jurisdictionLevel: level,
  });
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
    const lenient = {
      ...policy,
      review: { ...policy.review, general: { verifierRoles: ['supervisor' as const], safetyDirectorMayVerify: true } },
    };
    expect(mayReview(lenient, director, hazard, 'verification', null)).toBe(true);
  });
});

describe('workflow id', () => {
  it('is hazard-<id>, so one hazard has one lifecycle', () => expect(hazardWorkflowId('H-1')).toBe('hazard-H-1'));
});

describe('issue 14 rules', () => {
  const now = Date.parse('2026-06-30T00:00:00Z');
  const ago = (days: number) => new Date(now - days * DAY).toISOString();
  const pen = (days: number, lawArticle = '《安全生产法》第一百零二条', hazardId = 'h1') => ({
    hazardId,
    decidedAt: ago(days),
    lawArticle,
  });

  it('art 113 counts only penalties under the laws the policy names, read from the title in 《》', () => {
    expect(lawOf('《安全生产法》第一百零二条')).toBe('安全生产法');
    expect(lawOf('第一百零二条')).toBeNull();
    expect(countsForArt113(policy, '《中华人民共和国安全生产法》第九十九条')).toBe(true);
    expect(countsForArt113(policy, '《江苏省安全生产条例》第四十条')).toBe(false);
    expect(countsForArt113(policy, '安全生产法第一百零二条')).toBe(false);
    const narrow = {
      ...policy,
      accountability: { ...policy.accountability, art113: { ...policy.accountability.art113, countedLaws: ['消防法'] } },
    };
    expect(countsForArt113(narrow, '《安全生产法》第一百零二条')).toBe(false);
  });

  it('art 113 windows end at each penalty: three within 180 days long ago trigger; three spread wider do not; four within a year do', () => {
    expect(art113Closure(policy, [pen(700), pen(650), pen(600)])).toMatchObject({
      triggered: true,
      threshold: { penalties: 3, withinDays: 180 },
    });
    expect(art113Closure(policy, [pen(700), pen(650), pen(600)]).counted).toHaveLength(3);
    expect(art113Closure(policy, [pen(400), pen(250), pen(60)]).triggered).toBe(false);
    expect(art113Closure(policy, [pen(360), pen(200), pen(90), pen(1)])).toMatchObject({
      triggered: true,
      threshold: { penalties: 4, withinDays: 365 },
    });
    expect(art113Closure(policy, [pen(10), pen(5, '《江苏省安全生产条例》第四十条'), pen(1)]).triggered).toBe(false);
    expect(art113Closure(policy, [pen(182), pen(90), pen(1)]).triggered).toBe(false);
    expect(art113Closure(policy, [pen(181), pen(90), pen(1)]).triggered).toBe(true); // exactly 180 days: inside
    expect(art113Closure(policy, [pen(180), pen(90), pen(0)]).triggered).toBe(true);
  });

  it('art 113 looks at the grades the policy names', () => {
    expect(art113Applies(policy, 'major')).toBe(true);
    expect(art113Applies(policy, 'general')).toBe(false);
    expect(art113Applies(policy, null)).toBe(false);
  });

  it('从重 follows the status when the accident happened: none before the report, not while only reported', () => {
    const timeline = [
      { at: '2025-03-10T01:00:00.000Z', toStatus: 'reported' as const },
      { at: '2025-03-10T02:00:00.000Z', toStatus: 'awaiting_listing' as const },
      { at: '2025-03-11T02:00:00.000Z', toStatus: 'rectifying' as const },
    ];
    expect(statusAt(timeline, '2025-03-09T00:00:00.000Z')).toBeNull();
    expect(statusAt(timeline, '2025-03-10T01:00:00.000Z')).toBe('reported');
    expect(statusAt(timeline, '2025-03-10T02:00:00.000Z')).toBe('awaiting_listing');
    expect(statusAt(timeline, '2025-04-01T00:00:00.000Z')).toBe('rectifying');
    expect(accidentIsHeavier(policy, null)).toBe(false);
    expect(
      accidentIsHeavier(
        {
          ...policy,
          accountability: { ...policy.accountability, accidentDuringRectification: { heavier: false, statuses: ['rectifying'] } },
        },
        'rectifying',
      ),
    ).toBe(false);
  });

  it('a relist stage takes the listing to the level it names, only upward; without a level, one level up', () => {
    expect(relistTarget('township', 'county')).toBe('county');
    expect(relistTarget('township', 'city')).toBe('city');
    expect(relistTarget('county', 'county')).toBeNull();
    expect(relistTarget('city', 'county')).toBeNull();
    expect(relistTarget('township', undefined)).toBe('county');
    expect(relistTarget('city', undefined)).toBeNull();
    expect(isAtOrAbove('city', 'county')).toBe(true);
    expect(isAtOrAbove('county', 'county')).toBe(true);
    expect(isAtOrAbove('township', 'county')).toBe(false);
  });

  it('a supervisor at or above a level, on the hazard path', () => {
    const sup = (level: 'township' | 'county' | 'city', id: string) => ({
      userId: id,
      role: 'supervisor' as const,
      jurisdictionId: id,
      jurisdictionLevel: level,
    });
    const path = hazard.jurisdictionPath;
    expect(isSupervisorAtOrAbove(sup('city', 'nantong'), path, 'county')).toBe(true);
    expect(isSupervisorAtOrAbove(sup('county', 'tongzhou'), path, 'county')).toBe(true);
    expect(isSupervisorAtOrAbove(sup('township', 'jinsha'), path, 'county')).toBe(false);
    expect(isSupervisorAtOrAbove(sup('county', 'haimen'), path, 'township')).toBe(false);
    expect(
      isSupervisorAtOrAbove({ userId: 'g', role: 'grid_inspector', jurisdictionId: 'jinsha', jurisdictionLevel: 'grid' }, path, 'township'),
    ).toBe(false);
    expect(
      isSupervisorAtOrAbove(
        { userId: 'g', role: 'supervisor', jurisdictionId: 'jinsha-g1', jurisdictionLevel: 'grid' },
        [...path, 'jinsha-g1'],
        'township',
      ),
    ).toBe(false);
  });

  it('after a review climbed to the city, every level from the reviewer’s up to the city may give it', () => {
    const sup = (level: 'township' | 'county' | 'city', id: string) => ({
      userId: id,
      role: 'supervisor' as const,
      jurisdictionId: id,
      jurisdictionLevel: level,
    });
    expect(mayReview(policy, sup('city', 'nantong'), hazard, 'township', 'city')).toBe(true);
    expect(mayReview(policy, sup('county', 'tongzhou'), hazard, 'township', 'city')).toBe(true);
    expect(mayReview(policy, sup('city', 'nantong'), hazard, 'township', 'county')).toBe(false);
    expect(mayReview(policy, sup('township', 'jinsha'), hazard, 'county', 'city')).toBe(false);
    expect(mayReview(policy, sup('city', 'haimen-city'), hazard, 'township', 'city')).toBe(false);
  });

  it('the rectification period from listing: the listing deadline plus approved extensions', () => {
    const listing = { level: 'county' as const };
    expect(usedRectificationWorkingDays(policy, { grade: null, generalMode: null, listing: null, extensions: [] })).toBe(0);
    expect(usedRectificationWorkingDays(policy, { grade: 'major', generalMode: null, listing, extensions: [] })).toBe(90);
    expect(
      usedRectificationWorkingDays(policy, {
        grade: 'major',
        generalMode: null,
        listing: { ...listing, deadlineWorkingDays: 40 },
        extensions: [{ approvedWorkingDays: 20 }, { approvedWorkingDays: null }],
      }),
    ).toBe(60);
    // Relisted from the township: the period is the township listing's.
    expect(
      usedRectificationWorkingDays(policy, {
        grade: 'major',
        generalMode: null,
        listing: { level: 'city', relistings: [{ from: 'township' }] },
        extensions: [],
      }),
    ).toBe(60);
    expect(usedRectificationWorkingDays(policy, { grade: 'general', generalMode: 'short', listing: null, extensions: [] })).toBe(5);
    expect(usedRectificationWorkingDays(policy, { grade: 'general', generalMode: null, listing: null, extensions: [] })).toBe(1);
  });

  it('an extension may not take the period past the maximum counted from listing', () => {
    const base = EXTENSION_REQUEST;
    expect(checkExtensionRequest(policy, { ...base, requestedWorkingDays: 10, usedWorkingDays: 240 })).toBeNull();
    expect(checkExtensionRequest(policy, { ...base, requestedWorkingDays: 11, usedWorkingDays: 240 })).toMatchObject({
      code: 'EXTENSION_BEYOND_CEILING',
      field: 'workingDays',
    });
    expect(checkExtensionRequest(policy, { ...base, requestedWorkingDays: 1, usedWorkingDays: 250 })?.code).toBe(
      'EXTENSION_BEYOND_CEILING',
    );
    expect(checkExtensionRequest(policy, { ...base, requestedWorkingDays: 1, usedWorkingDays: 0, approvedCount: 1 })).toBeNull();
  });
});
