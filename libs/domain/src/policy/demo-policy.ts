import { DEFAULT_POLICY } from './default-policy';
import { parsePolicy } from './parse-policy';

/**
 * 演示策略 / the demo policy: the default policy's rules on a demo clock (a working day lasts 5
 * seconds, no holidays), with the review window in working days so that it runs on the same
 * clock. Its version names the default it is built on, so a new default makes a new demo version.
 * Used only by the hazards of `npm start`'s first-start demo that fall overdue while a person
 * watches (infra/local-stack/demo-hazards); every other hazard, demo or not, runs on the real
 * calendar. The apps refuse a demo clock in production.
 */
export const DEMO_POLICY = parsePolicy({
  ...DEFAULT_POLICY,
  version: `demo-${DEFAULT_POLICY.version}`,
  name: '演示策略：演示时钟，一个工作日为5秒 / Demo policy: a working day lasts 5 seconds',
  basis: [...DEFAULT_POLICY.basis, '仅用于演示：演示时钟 / demo only: a demo clock'],
  review: { ...DEFAULT_POLICY.review, window: { days: 10, unit: 'working' } },
  demoClock: { workingDaySeconds: 5 },
});
