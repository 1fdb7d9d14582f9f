import { DEFAULT_POLICY } from '../../libs/domain/src/policy/default-policy';
import { parsePolicy } from '../../libs/domain/src/policy/parse-policy';

/**
 * A correction of default-v2 the way a province would publish one, for the migration tests: a
 * township listing is due in 40 working days instead of 60; one reminder, 5 working days before
 * the deadline, instead of two (10 and 3); the relisting to the city comes at 11 working days
 * overdue instead of 15, and the stoppage recommendation (30) is dropped.
 */
export const POLICY_V3 = parsePolicy({
  ...DEFAULT_POLICY,
  version: 'test-v3',
  name: '测试用更正版策略 / corrected policy for tests',
  effectiveFrom: '2027-06-01',
  rectification: { ...DEFAULT_POLICY.rectification, byListingLevel: { ...DEFAULT_POLICY.rectification.byListingLevel, township: 40 } },
  reminders: { ...DEFAULT_POLICY.reminders, rectificationDue: [5] },
  escalation: {
    ...DEFAULT_POLICY.escalation,
    ladder: [
      { afterOverdueWorkingDays: 1, action: 'supervision_letter' },
      { afterOverdueWorkingDays: 5, action: 'relist_up', relistTo: 'county' },
      { afterOverdueWorkingDays: 10, action: 'interview' },
      { afterOverdueWorkingDays: 11, action: 'relist_up', relistTo: 'city' },
      { afterOverdueWorkingDays: 20, action: 'public_criticism' },
    ],
  },
});
