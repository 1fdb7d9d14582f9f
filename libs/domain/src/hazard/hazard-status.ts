/**
 * Lifecycle states of a hazard. The read model, the API and the console all use these names.
 *
 * reported ─grade─▶ rectifying (general) ─▶ submitted ─▶ closed
 *          └──────▶ awaiting_listing (major) ─list─▶ listed ─plan─▶ plan_submitted ─approve─▶ rectifying
 *                                                                   ◀─return──┘
 * submitted ─reject─▶ rectifying; any open state ─withdraw─▶ withdrawn.
 */
export const HAZARD_STATUSES = [
  'reported', // 已上报, awaiting grading
  'awaiting_listing', // 重大隐患 graded, awaiting 挂牌督办
  'listed', // 已挂牌, awaiting the rectification plan
  'plan_submitted', // 方案待审
  'rectifying', // 整改中
  'submitted', // 已申请销号, under (multi-level) review
  'closed', // 已销号 (and 摘牌 for listed hazards)
  'withdrawn', // 已撤销 as duplicate or false report; never deleted
] as const;
export type HazardStatus = (typeof HAZARD_STATUSES)[number];

export const TERMINAL_STATUSES: readonly HazardStatus[] = ['closed', 'withdrawn'];

/** While a rectification deadline runs: listed (plan pending), plan submitted, rectifying. */
export const RECTIFICATION_RUNNING: readonly HazardStatus[] = ['listed', 'plan_submitted', 'rectifying'];

export function isOpen(status: HazardStatus): boolean {
  return !TERMINAL_STATUSES.includes(status);
}
