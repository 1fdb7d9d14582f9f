/**
 * 治理方案: its six parts (order 16 art 15), each with the order's name for it, in the order's
 * order. No imports: the web console imports it too.
 */
export const PLAN_PART_NAMES = {
  goalAndTasks: '治理的目标和任务',
  methodsAndMeasures: '采取的方法和措施',
  fundsAndMaterials: '经费和物资的落实',
  responsibleBodyAndPeople: '负责治理的机构和人员',
  timeLimitAndRequirements: '治理的时限和要求',
  safetyMeasuresAndEmergencyPlan: '安全措施和应急预案',
} as const;

export type PlanPart = keyof typeof PLAN_PART_NAMES;
export const PLAN_PARTS = Object.keys(PLAN_PART_NAMES) as PlanPart[];
export type RectificationPlan = Record<PlanPart, string>;
