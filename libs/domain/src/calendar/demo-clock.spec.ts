import { DEFAULT_POLICY } from '../policy/default-policy';
import { DEMO_POLICY } from '../policy/demo-policy';
import { parsePolicy } from '../policy/parse-policy';
import { refuseDemoClockOutsideDemos, shiftOnDemoClock } from './demo-clock';

describe('the demo clock (演示时钟) of the first-start demo', () => {
  it('counts a working day as a few seconds, every day, from the instant given', () => {
    expect(shiftOnDemoClock('2026-11-30T12:00:00.000Z', [0, 1, 5], 5)).toEqual([
      '2026-11-30T12:00:00.000Z',
      '2026-11-30T12:00:05.000Z',
      '2026-11-30T12:00:25.000Z',
    ]);
  });

  it('is the default policy on a 5-second day, under a version of its own', () => {
    expect(DEMO_POLICY.demoClock).toEqual({ workingDaySeconds: 5 });
    expect(DEMO_POLICY.version).toBe(`demo-${DEFAULT_POLICY.version}`);
    expect(DEMO_POLICY.escalation).toEqual(DEFAULT_POLICY.escalation);
    expect(DEFAULT_POLICY.demoClock).toBeUndefined();
  });

  it('is refused in production: a POLICY_FILE with a demo clock stops the app unless NODE_ENV is development or test', () => {
    expect(() => refuseDemoClockOutsideDemos(DEMO_POLICY, 'production')).toThrow(/demo clock/);
    expect(() => refuseDemoClockOutsideDemos(DEMO_POLICY, undefined)).toThrow(/演示时钟/);
    expect(refuseDemoClockOutsideDemos(DEMO_POLICY, 'development')).toBe(DEMO_POLICY);
    expect(refuseDemoClockOutsideDemos(DEFAULT_POLICY, 'production')).toBe(DEFAULT_POLICY);
  });

  it('needs the review window in working days: calendar days are not scaled', () => {
    expect(() => parsePolicy({ ...DEMO_POLICY, review: { ...DEMO_POLICY.review, window: { days: 10, unit: 'calendar' } } })).toThrow(
      /review\.window\.unit/,
    );
  });
});
