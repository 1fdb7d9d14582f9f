import { DOCUMENT_LABELS, type DocumentKind } from '@hazards/domain/accountability/document-kinds';
import { LEVEL_LABELS, type LevelAbove } from '@hazards/domain/rules/listing-ladder.rule';
import type { DomainEvent } from '@hazards/events/domain-event';
import type { HazardContext } from './hazard-context.loader';
import { enDateTime, zhDateTime } from './shanghai-time';

/** Where a document of a hazard is downloaded (the API, for whoever may see the hazard). */
export function documentLink(baseUrl: string, hazardId: string, documentId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/hazards/${encodeURIComponent(hazardId)}/documents/${encodeURIComponent(documentId)}/file`;
}

interface DocumentInfo {
  documentId: string;
  kind: DocumentKind;
  number: string;
  replyDueAt?: string | null;
  dueAt?: string | null;
}

/** 《督办函》通安委办督〔2026〕12号, with its download link and reply date. */
export function documentLines(d: DocumentInfo, h: HazardContext, baseUrl: string): { zh: string[]; en: string[] } {
  const label = DOCUMENT_LABELS[d.kind];
  const link = documentLink(baseUrl, h.id, d.documentId);
  const zh = [`文书：${label.zh} ${d.number}（下载：${link}）`];
  const en = [`Document: ${label.en} ${d.number} (download: ${link})`];
  if (d.replyDueAt) {
    zh.push(`书面回复期限：${zhDateTime(d.replyDueAt)}`);
    en.push(`Written reply due: ${enDateTime(d.replyDueAt)}`);
  }
  if (d.dueAt) {
    zh.push(`公布期限：${zhDateTime(d.dueAt)}`);
    en.push(`To be published by: ${enDateTime(d.dueAt)}`);
  }
  return { zh, en };
}

const levelZh = (l: unknown) => LEVEL_LABELS[l as LevelAbove]?.zh ?? String(l ?? '');

/**
 * The notices of issue 18: a listing (挂牌督办), a sign-off of a listed hazard (销号摘牌), a document
 * issued on demand, an interview scheduled. Null for other events.
 */
export function accountabilityIntro(
  event: DomainEvent,
  h: HazardContext,
  _baseUrl: string,
): { title: string; zh: string; en: string; document: DocumentInfo | null } | null {
  const p = event.payload as Record<string, unknown>;
  switch (event.type) {
    case 'hazard.listed': {
      const authority = String(p.authority ?? h.authority ?? '');
      const department = String(p.leadDepartment ?? h.leadDepartment ?? '');
      return {
        title: `【挂牌督办】${h.enterpriseName}：${h.description} / Hazard listed for supervision`,
        zh: `以下重大事故隐患已由${authority}（${levelZh(p.level)}级）挂牌督办，牵头部门：${department}。请按期提交治理方案并整改。`,
        en: `This major hazard was listed for supervision by ${authority} (${String(p.level ?? '')} level); lead department: ${department}. Submit the plan and rectify in time.`,
        document: (p.notice as DocumentInfo | undefined) ?? null,
      };
    }
    case 'hazard.closed':
      return p.delisted
        ? {
            title: `【销号摘牌】${h.enterpriseName}：${h.description} / Hazard signed off and delisted`,
            zh: '以下重大事故隐患已逐级复核通过，予以销号摘牌；摘牌公告将按期公布。',
            en: 'This listed hazard passed every review and is signed off and delisted; the delisting notice will be published.',
            document: (p.notice as DocumentInfo | undefined) ?? null,
          }
        : {
            title: `【隐患销号】${h.enterpriseName}：${h.description} / Hazard signed off`,
            zh: '以下事故隐患已整改完成并复核通过，予以销号。',
            en: 'This hazard was rectified, verified and signed off.',
            document: null,
          };
    case 'document.issued': {
      const d = p as unknown as DocumentInfo;
      const label = DOCUMENT_LABELS[d.kind];
      return {
        title: `【${label.zh}】${d.number} ${h.enterpriseName}：${h.description} / ${label.en}`,
        zh: `现就以下事故隐患发出${label.zh}（${d.number}），请按要求办理并书面回复。`,
        en: `A ${label.en} (${d.number}) was issued for this hazard: act on it and reply in writing.`,
        document: d,
      };
    }
    case 'interview.scheduled':
      return {
        title: `【约谈通知】${h.enterpriseName}：${h.description} / Interview scheduled`,
        zh: `因以下事故隐患逾期未整改，定于${zhDateTime(String(p.at))}在${String(p.place ?? '')}进行约谈。被约谈人：企业主要负责人${String(p.enterprisePrincipal ?? '')}、部门责任人${String(p.departmentResponsible ?? '')}。请准时参加。`,
        en: `The hazard is overdue: an interview is scheduled for ${enDateTime(String(p.at))} at ${String(p.place ?? '')}, with the enterprise's principal ${String(p.enterprisePrincipal ?? '')} and the department's ${String(p.departmentResponsible ?? '')}. Attend on time.`,
        document: null,
      };
    default:
      return null;
  }
}
