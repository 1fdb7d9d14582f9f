/**
 * 检查方式: how an inspection of a campaign (大检查) was made. 企业自查 is the enterprise's own
 * self-inspection (no inspection group); the others are visits by an inspection group.
 */
export const INSPECTION_KINDS = ['企业自查', '监督检查', '督查', '四不两直', '专家检查', '暗访', '网格巡查'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];
export const SELF_INSPECTION: InspectionKind = '企业自查';
