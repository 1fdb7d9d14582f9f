/**
 * What a stage of the overdue ladder does. Escalation climbs the jurisdiction ladder, not an org
 * chart (domain.md): re-list one level up, then letters, interviews, public criticism, stoppage.
 */
export const ESCALATION_ACTIONS = [
  'relist_up', // 升级挂牌: 镇 → 县 → 市
  'supervision_letter', // 督办函
  'interview', // 约谈
  'public_criticism', // 通报批评
  'stoppage_recommendation', // 停产整顿建议
] as const;
export type EscalationAction = (typeof ESCALATION_ACTIONS)[number];

export const ESCALATION_ACTION_LABELS: Record<EscalationAction, { zh: string; en: string }> = {
  relist_up: { zh: '升级挂牌督办', en: 'relist one level up' },
  supervision_letter: { zh: '发督办函', en: 'supervision letter' },
  interview: { zh: '约谈', en: 'interview' },
  public_criticism: { zh: '通报批评', en: 'public criticism' },
  stoppage_recommendation: { zh: '建议停产整顿', en: 'stoppage recommendation' },
};
