import { ACCIDENT_TYPES, GRADES, LISTING_LEVELS } from './vocabulary';

/** A closed choice of a hazard action's input, and the one wording that refuses anything else. */
export interface Choice<V extends string = string> {
  values: readonly V[];
  /** The field as the API names it. */
  field: string;
  zh: string;
  en: string;
}

const choice = <V extends string>(values: readonly V[], field: string, zh: string, en: string): Choice<V> => ({ values, field, zh, en });

/**
 * The closed choices of the hazard actions. The API's DTOs (class-validator, at the door) and the
 * workflow's update validators (the authority) check the same values and refuse with the same words.
 */
export const CHOICES = {
  grade: choice(GRADES, 'grade', '隐患等级须为一般（general）或重大（major）', 'grade must be general or major'),
  accidentType: choice(
    ACCIDENT_TYPES,
    'accidentType',
    '事故类别须为GB 6441的20类之一',
    'accidentType must be one of the 20 GB 6441 classes',
  ),
  generalMode: choice(
    ['immediate', 'short'] as const,
    'generalMode',
    '一般隐患整改方式须为立即（immediate）或限期（short）',
    'generalMode must be immediate or short',
  ),
  listingLevel: choice(
    LISTING_LEVELS,
    'level',
    '挂牌级别须为镇（township）、县（county）或市（city）',
    'level must be township, county or city',
  ),
  reviewLevel: choice(
    [...LISTING_LEVELS, 'verification'] as const,
    'level',
    '复核级别须为镇（township）、县（county）、市（city）或企业验收（verification）',
    'level must be township, county, city or verification',
  ),
  planDecision: choice(
    ['approve', 'return'] as const,
    'decision',
    '审核结果须为批准（approve）或退回（return）',
    'decision must be approve or return',
  ),
  extensionDecision: choice(
    ['approve', 'refuse'] as const,
    'decision',
    '审批结果须为批准（approve）或不批准（refuse）',
    'decision must be approve or refuse',
  ),
  assessmentBy: choice(
    ['self', 'third_party'] as const,
    'assessment.by',
    '评估方须为本单位（self）或第三方（third_party）',
    'assessment.by must be self or third_party',
  ),
  reviewResult: choice(
    ['pass', 'reject'] as const,
    'result',
    '复核结果须为通过（pass）或不通过（reject）',
    'result must be pass or reject',
  ),
  withdrawKind: choice(
    ['duplicate', 'false'] as const,
    'kind',
    '撤销类型须为重复（duplicate）或不实（false）',
    'kind must be duplicate or false',
  ),
  productionAction: choice(
    ['ordered', 'lifted'] as const,
    'action',
    '停产操作须为责令停产（ordered）或恢复生产（lifted）',
    'action must be ordered or lifted',
  ),
} as const;

/** The value type of a choice: ChoiceValue<typeof CHOICES.planDecision> = 'approve' | 'return'. */
export type ChoiceValue<C> = C extends Choice<infer V> ? V : never;

export function isChoice<V extends string>(c: Choice<V>, value: unknown): value is V {
  return (c.values as readonly unknown[]).includes(value);
}
