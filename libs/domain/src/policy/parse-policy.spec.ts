import raw from './policies/default-v1.json';
import { DEFAULT_POLICY } from './default-policy';
import { parsePolicy, PolicyError } from './parse-policy';

const clone = () => JSON.parse(JSON.stringify(raw));

describe('policy as data (策略)', () => {
  it('loads the default policy and keeps its version', () => {
    expect(DEFAULT_POLICY.version).toBe('default-v1');
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
    bad.duplicates.minDescriptionSimilarity = 1.5;
    expect(() => parsePolicy(bad)).toThrow(/duplicates\.minDescriptionSimilarity/);
  });

  it('lets a region widen the duplicate window without code', () => {
    const alt = clone();
    alt.duplicates.windowDays = 120;
    expect(parsePolicy(alt).duplicates).toMatchObject({ windowDays: 120, recentlyClosedDays: 30 });
  });

  it('lets a region switch the review window to working days without code', () => {
    const alt = clone();
    alt.version = 'region-x-v2';
    alt.review.window = { days: 10, unit: 'working' };
    expect(parsePolicy(alt).review.window.unit).toBe('working');
  });
});
