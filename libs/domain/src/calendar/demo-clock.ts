import type { Policy } from '../policy/policy.schema';

/**
 * 演示时钟 / the demo clock of a demo policy (`policy.demoClock`): a working day lasts
 * `workingDaySeconds`, every day is a working day, and counting keeps nothing of the time of day.
 * It brings a demo's deadlines and escalations within minutes; the real calendar is untouched.
 */
export function shiftOnDemoClock(from: string, offsets: number[], workingDaySeconds: number): string[] {
  const start = Date.parse(from);
  return offsets.map((n) => new Date(start + n * workingDaySeconds * 1000).toISOString());
}

/** Only where NODE_ENV says development or test (npm start, the tests): never in production. */
export const demoClockAllowed = (nodeEnv: string | undefined): boolean => nodeEnv === 'development' || nodeEnv === 'test';

export const DEMO_CLOCK_REFUSED = {
  zh: '演示时钟（demoClock）只用于演示，生产环境（NODE_ENV=production 或未设置）拒绝使用',
  en: 'a demo clock (demoClock) is for demos only and is refused in production (NODE_ENV production or unset)',
};

/** Throws when a policy with a demo clock is loaded where it is not allowed (a POLICY_FILE in production). */
export function refuseDemoClockOutsideDemos(policy: Policy, nodeEnv: string | undefined): Policy {
  if (policy.demoClock && !demoClockAllowed(nodeEnv))
    throw new Error(`策略 ${policy.version}：${DEMO_CLOCK_REFUSED.zh} / policy ${policy.version}: ${DEMO_CLOCK_REFUSED.en}`);
  return policy;
}
