import { ACCIDENT_TYPES, GRADES, LISTING_LEVELS } from './vocabulary';

/** A closed choice of a hazard action's input, and the one wording that refuses anything else. */
export interface Choice<V extends string = string> {
  values: readonly V[];
  /** The field as the API names it. */
  field: string;
  zh: string;
  en: string;
}

/** "a、b或c" / "a, b or c". */
const oneOf = (items: readonly string[], sep: string, or: string) =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(sep)}${or}${items[items.length - 1]}`;

/**
 * A choice whose refusal names each value: `隐患等级须为一般（general）或重大（major）` / `grade must
 * be general or major`. `names` gives each value's Chinese name, in the order of `values`.
 */
function choice<V extends string>(values: readonly V[], field: string, what: string, names: Record<V, string>): Choice<V> {
  const zh = `${what}须为${oneOf(
    values.map((v) => `${names[v]}（${v}）`),
    '、',
    '或',
  )}`;
  return { values, field, zh, en: `${field} must be ${oneOf(values, ', ', ' or ')}` };
}

const LEVEL_NAMES = { township: '镇', county: '县', city: '市' } as const;

/**
 * The closed choices of the hazard actions. The API's DTOs (class-validator, at the door) and the
 * workflow's update validators (the authority) check the same values and refuse with the same words.
 */
export const CHOICES = {
  grade: choice(GRADES, 'grade', '隐患等级', { general: '一般', major: '重大' }),
  // Twenty values are too many to name in a refusal.
  accidentType: {
    values: ACCIDENT_TYPES,
    field: 'accidentType',
    zh: '事故类别须为GB 6441的20类之一',
    en: 'accidentType must be one of the 20 GB 6441 classes',
  } as Choice<(typeof ACCIDENT_TYPES)[number]>,
  generalMode: choice(['immediate', 'short'] as const, 'generalMode', '一般隐患整改方式', { immediate: '立即', short: '限期' }),
  listingLevel: choice(LISTING_LEVELS, 'level', '挂牌级别', LEVEL_NAMES),
  reviewLevel: choice([...LISTING_LEVELS, 'verification'] as const, 'level', '复核级别', { ...LEVEL_NAMES, verification: '企业验收' }),
  planDecision: choice(['approve', 'return'] as const, 'decision', '审核结果', { approve: '批准', return: '退回' }),
  extensionDecision: choice(['approve', 'refuse'] as const, 'decision', '审批结果', { approve: '批准', refuse: '不批准' }),
  assessmentBy: choice(['self', 'third_party'] as const, 'assessment.by', '评估方', { self: '本单位', third_party: '第三方' }),
  reviewResult: choice(['pass', 'reject'] as const, 'result', '复核结果', { pass: '通过', reject: '不通过' }),
  withdrawKind: choice(['duplicate', 'false'] as const, 'kind', '撤销类型', { duplicate: '重复', false: '不实' }),
  productionAction: choice(['ordered', 'lifted'] as const, 'action', '停产操作', { ordered: '责令停产', lifted: '恢复生产' }),
} as const;

/** The value type of a choice: ChoiceValue<typeof CHOICES.planDecision> = 'approve' | 'return'. */
export type ChoiceValue<C> = C extends Choice<infer V> ? V : never;

export function isChoice<V extends string>(c: Choice<V>, value: unknown): value is V {
  return (c.values as readonly unknown[]).includes(value);
}
