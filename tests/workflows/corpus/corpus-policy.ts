import { DEFAULT_POLICY } from '@hazards/domain/policy/default-policy';
import { parsePolicy } from '@hazards/domain/policy/parse-policy';

/**
 * The policy the replay corpus is recorded under: default-v2's rules with short periods, so that
 * on a scaled calendar (a working day lasts a fraction of a second) every alarm fires within
 * seconds of real time on the dev server. Review windows count working days so they scale too.
 */
export const CORPUS_POLICY = parsePolicy({
  ...DEFAULT_POLICY,
  version: 'corpus-v1',
  name: '回放语料录制策略 / replay corpus recording policy',
  plan: { dueWorkingDaysAfterListing: 3 },
  decisions: {
    grading: { dueWorkingDays: 2, reminders: [1] },
    listing: { dueWorkingDays: 2, reminders: [1] },
    planDecision: { dueWorkingDays: 2, reminders: [1] },
  },
  rectification: {
    general: { immediateWorkingDays: 1, shortWorkingDays: 2 },
    byListingLevel: { township: 3, county: 8, city: 5 },
    maxWorkingDays: 30,
  },
  reminders: { planDue: [1], rectificationDue: [1], generalRectificationDue: [1], reviewDue: [1] },
  escalation: {
    ladder: [
      { afterOverdueWorkingDays: 1, action: 'supervision_letter' },
      { afterOverdueWorkingDays: 2, action: 'relist_up', relistTo: 'county' },
      { afterOverdueWorkingDays: 3, action: 'interview' },
      { afterOverdueWorkingDays: 4, action: 'relist_up', relistTo: 'city' },
      { afterOverdueWorkingDays: 5, action: 'public_criticism' },
      { afterOverdueWorkingDays: 6, action: 'stoppage_recommendation' },
    ],
    generalLadder: [{ afterOverdueWorkingDays: 1, action: 'supervision_letter' }],
  },
  review: { ...DEFAULT_POLICY.review, window: { days: 2, unit: 'working' } },
  extension: {
    minWorkingDaysBeforeDeadline: 2,
    decisionWindowWorkingDays: 2,
    maxCount: 2,
    maxWorkingDaysPerExtension: 5,
    escalateAtCount: 2,
  },
  accountability: { ...DEFAULT_POLICY.accountability, tracing: { afterRejections: 2, afterOverdueWorkingDays: 7 } },
});
