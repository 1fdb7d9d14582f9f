type Label = { zh: string; en: string };

/**
 * A hazard's deadlines in words (中文, English), one wording wherever a deadline is named: the
 * reminders and digests, the notices of a calendar change, 为什么 explanations and the accountability
 * record. Keyed by the deadline kind the reminders use (`plan`, `rectification`, ...).
 */
export const DEADLINE_LABELS: Record<string, Label> = {
  plan: { zh: '治理方案提交期限', en: 'plan due' },
  rectification: { zh: '整改期限', en: 'rectification deadline' },
  review: { zh: '复核期限', en: 'review due' },
  grading: { zh: '定级期限', en: 'grading due' },
  listing: { zh: '挂牌督办期限', en: 'listing due' },
  plan_decision: { zh: '治理方案审核期限', en: 'plan decision due' },
  /** Any of the three above, where a calendar notice does not say which. */
  decision: { zh: '监管决定期限（定级、挂牌或方案审核）', en: 'regulator decision due (grading, listing or plan decision)' },
  extensionRequestCutoff: { zh: '延期申请截止', en: 'extension request cutoff' },
  extensionDecision: { zh: '延期答复期限', en: 'extension decision due' },
  interview: { zh: '约谈期限', en: 'interview due' },
  publication: { zh: '公告公布期限', en: 'notice publication due' },
};
