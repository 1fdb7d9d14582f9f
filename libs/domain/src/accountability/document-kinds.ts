/**
 * 问责文书 / accountability documents: every one is numbered per issuing authority and year
 * (文号, e.g. 通安委办督〔2026〕12号), generated as .docx, sealed by its SHA-256 in the hazard's
 * history and kept in the dossier. `mark` is the character of the number that tells the kind apart
 * (督 letter, 建 recommendation, 告 notice, 罚 penalty decision).
 */
export const DOCUMENT_KINDS = [
  'supervision_letter', // 督办函
  'stoppage_recommendation', // 停产整顿建议书
  'listing_notice', // 挂牌督办公告
  'delisting_notice', // 摘牌公告
  'penalty_decision', // 行政处罚决定书
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Notices are published (公告): a public page shows them once published. */
export const NOTICE_KINDS = ['listing_notice', 'delisting_notice'] as const satisfies readonly DocumentKind[];
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const isNoticeKind = (k: string): k is NoticeKind => (NOTICE_KINDS as readonly string[]).includes(k);

/** Documents a supervisor may issue on demand (besides those the ladder issues). */
export const ON_DEMAND_KINDS = ['supervision_letter', 'stoppage_recommendation'] as const satisfies readonly DocumentKind[];
export type OnDemandKind = (typeof ON_DEMAND_KINDS)[number];

export const DOCUMENT_LABELS: Record<DocumentKind, { zh: string; en: string; mark: string }> = {
  supervision_letter: { zh: '督办函', en: 'supervision letter', mark: '督' },
  stoppage_recommendation: { zh: '停产整顿建议书', en: 'stoppage recommendation', mark: '建' },
  listing_notice: { zh: '挂牌督办公告', en: 'listing notice', mark: '告' },
  delisting_notice: { zh: '摘牌公告', en: 'delisting notice', mark: '告' },
  penalty_decision: { zh: '行政处罚决定书', en: 'penalty decision', mark: '罚' },
};
