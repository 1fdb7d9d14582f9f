import type { Policy } from '../policy/policy.schema';
import { lawOf } from './art113.rule';

export type PenaltyArticle = NonNullable<Policy['penalties']>['articles'][number];
export type PenaltySubject = PenaltyArticle['subject'];

/** 《中华人民共和国安全生产法》 and 《安全生产法》 name the same law. */
const normalLaw = (law: string) => law.replace(/^中华人民共和国/u, '').trim();
const articleOf = (lawArticle: string) => /第[一二三四五六七八九十百零〇\d]+条/u.exec(lawArticle)?.[0] ?? null;

/**
 * The article of the policy a penalty cites (行政处罚依据), or null when the policy names no bounds
 * for it: matched on the law (with or without 中华人民共和国) and the article number, and on the
 * subject (the enterprise, or its directly responsible people) where the article distinguishes.
 */
export function citedArticle(policy: Policy, lawArticle: string, subject: PenaltySubject = 'enterprise'): PenaltyArticle | null {
  const law = lawOf(lawArticle);
  const art = articleOf(lawArticle);
  if (!law || !art) return null;
  const matches = (policy.penalties?.articles ?? []).filter((a) => {
    const l = lawOf(a.lawArticle);
    return l !== null && normalLaw(l) === normalLaw(law) && articleOf(a.lawArticle) === art;
  });
  return matches.find((a) => a.subject === subject) ?? null;
}

/** Whether an amount is within the cited article's range (元, both ends included). */
export function withinBounds(article: PenaltyArticle, amountYuan: number): boolean {
  return amountYuan >= article.minYuan && amountYuan <= article.maxYuan;
}

/** `五万元以下` / `五万元以上十万元以下` as figures: ¥0–50,000. */
export function boundsLabel(article: PenaltyArticle): { zh: string; en: string } {
  const yuan = (n: number) => n.toLocaleString('en-US');
  return article.minYuan > 0
    ? { zh: `${yuan(article.minYuan)}元以上${yuan(article.maxYuan)}元以下`, en: `¥${yuan(article.minYuan)}–${yuan(article.maxYuan)}` }
    : { zh: `${yuan(article.maxYuan)}元以下`, en: `up to ¥${yuan(article.maxYuan)}` };
}
