import type { CriticismRow } from '@hazards/persistence/accountability/public-criticisms.repository';
import { zhDate } from '@hazards/domain/statistics/zh-number-format';
import type { BulletinSection } from './bulletin.model';

const KIND_ZH = { enterprise: '企业', department: '牵头部门', authority: '挂牌单位' } as const;

/**
 * 通报批评: the overdue ladder's criticisms of the jurisdiction not yet carried by a bulletin, in
 * a section of their own (issue 18). Null when there are none.
 */
export function criticismSection(rows: CriticismRow[]): BulletinSection | null {
  if (rows.length === 0) return null;
  return {
    heading: '通报批评 / Public criticism',
    paragraphs: [
      [`以下${rows.length}家企业的重大事故隐患逾期未整改，经督办仍未整改到位，现予以通报批评，相关牵头部门和挂牌单位一并通报。`],
    ],
    table: {
      head: ['序号', '被批评单位', '事由', '决定日期'],
      rows: rows.map((c, i) => [
        String(i + 1),
        c.subjects.map((s) => `${KIND_ZH[s.kind] ?? s.kind}：${s.name}${s.creditCode ? `（${s.creditCode}）` : ''}`).join('；'),
        c.reason.split(' / ')[0],
        zhDate(c.decidedAt),
      ]),
    },
  };
}
