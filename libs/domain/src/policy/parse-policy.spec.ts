import raw from './policies/default-v2.json';
import { DEFAULT_POLICY, POLICY_V1 } from './default-policy';
import { parsePolicy, PolicyError } from './parse-policy';

const clone = () => JSON.parse(JSON.stringify(raw));

describe('policy as data (策略)', () => {
  it('loads the default policy and keeps its version', () => {
    expect(DEFAULT_POLICY.version).toBe('default-v2');
    expect(POLICY_V1.version).toBe('default-v1');
    expect(DEFAULT_POLICY.plan.dueWorkingDaysAfterListing).toBe(10);
    expect(DEFAULT_POLICY.review.window).toEqual({ days: 10, unit: 'calendar' });
  });

  it('names the bad field when a policy edit is wrong', () => {
    const bad = clone();
    bad.plan.dueWorkingDaysAfterListing = -3;
    expect(() => parsePolicy(bad)).toThrow(PolicyError);
    expect(() => parsePolicy(bad)).toThrow(/plan\.dueWorkingDaysAfterListing/);
  });

  it('refuses an escalation ladder whose stages are not in increasing order', () => {
    const bad = clone();
    bad.escalation.ladder[1].afterOverdueWorkingDays = 1;
    expect(() => parsePolicy(bad)).toThrow(/escalation\.ladder/);
  });

  it('refuses an unknown escalation action', () => {
    const bad = clone();
    bad.escalation.ladder[0].action = 'send_flowers';
    expect(() => parsePolicy(bad)).toThrow(/escalation\.ladder\.0\.action/);
  });

  it('refuses review levels that do not climb up to the listing level', () => {
    const bad = clone();
    bad.review.levelsByListingLevel.county = ['county', 'township'];
    expect(() => parsePolicy(bad)).toThrow(/review\.levelsByListingLevel\.county/);
  });

  it('refuses re-listing in the ladder for general hazards, which are never listed', () => {
    const bad = clone();
    bad.escalation.generalLadder[0].action = 'relist_up';
    expect(() => parsePolicy(bad)).toThrow(/generalLadder\.0\.action/);
  });

  it('refuses a duplicate-detection threshold outside 0–1 and names it', () => {
    const bad = clone();
    bad.duplicates!.minDescriptionSimilarity = 1.5;
    expect(() => parsePolicy(bad)).toThrow(/duplicates\.minDescriptionSimilarity/);
  });

  it('lets a region widen the duplicate window without code', () => {
    const alt = clone();
    alt.duplicates!.windowDays = 120;
    expect(parsePolicy(alt).duplicates).toMatchObject({ windowDays: 120, recentlyClosedDays: 30 });
  });

  it('default-v2 relists to the county, then to the city; earlier policies keep one relist stage without a level', () => {
    expect(DEFAULT_POLICY.escalation.ladder.filter((s) => s.action === 'relist_up').map((s) => s.relistTo)).toEqual(['county', 'city']);
    expect(POLICY_V1.escalation.ladder.filter((s) => s.action === 'relist_up').map((s) => s.relistTo)).toEqual([undefined]);
    expect(POLICY_V1.decisions).toBeUndefined();
    expect(DEFAULT_POLICY.decisions?.grading.dueWorkingDays).toBeGreaterThan(0);
  });

  it('refuses relist stages that do not climb, and a level on a stage that does not relist', () => {
    const down = clone();
    down.escalation.ladder[1].relistTo = 'city';
    down.escalation.ladder[3].relistTo = 'county';
    expect(() => parsePolicy(down)).toThrow(/escalation\.ladder/);
    const stray = clone();
    stray.escalation.ladder[0].relistTo = 'county';
    expect(() => parsePolicy(stray)).toThrow(/escalation\.ladder\.0\.relistTo/);
  });

  it('lets a region switch the review window to working days without code', () => {
    const alt = clone();
    alt.version = 'region-x-v2';
    alt.review.window = { days: 10, unit: 'working' };
    expect(parsePolicy(alt).review.window.unit).toBe('working');
  });
});
