/**
 * Why an action is refused. `type` groups refusals the way callers react to them (HTTP 409, 403,
 * 422); `code` is stable for machines; `zh` and `en` are for people, zh-CN first.
 */
export type RefusalType = 'IllegalState' | 'Forbidden' | 'Invalid';

export interface Refusal {
  type: RefusalType;
  code: string;
  zh: string;
  en: string;
  field?: string;
}

export const refusal = (type: RefusalType, code: string, zh: string, en: string, field?: string): Refusal =>
  field === undefined ? { type, code, zh, en } : { type, code, zh, en, field };

/** The one-line message people read: `中文说明 / English explanation`. */
export const refusalMessage = (r: Refusal): string => `${r.zh} / ${r.en}`;
