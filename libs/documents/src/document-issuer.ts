import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DOCUMENT_LABELS, isNoticeKind } from '@hazards/domain/accountability/document-kinds';
import { defaultPrefix, documentNumber } from '@hazards/domain/accountability/document-number';
import { zhDate } from '@hazards/domain/statistics/zh-number-format';
import { shanghaiYear } from '@hazards/domain/time/shanghai-time';
import { LEVEL_LABELS } from '@hazards/domain/rules/listing-ladder.rule';
import type { ShiftWorkingDaysInput } from '@hazards/temporal/hazard-activities';
import type { IssueDocumentInput, IssuedDocument, PublishNoticeInput } from './document-facts';
import { DOCUMENT_TEMPLATES, fillLine } from './document-templates';
import { reserveNumber } from '@hazards/persistence/documents/document-sequences.repository';
import { DocumentIssueRepository, type StoredDocumentRow } from '@hazards/persistence/documents/document-issue.repository';
import { renderDocumentDocx } from './docx-document.renderer';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const LEVEL_INDEX = { city: 0, county: 1, township: 2 } as const;

interface Issuer {
  jurisdictionId: string;
  name: string;
  prefix: string;
  path: string;
}

const toIssued = (r: StoredDocumentRow): IssuedDocument => ({
  ...(r as unknown as IssuedDocument),
  replyDueAt: r.replyDueAt ? new Date(r.replyDueAt).toISOString() : null,
});

/**
 * 发文: numbers, fills, renders and stores one document of a hazard, once. The workflow calls it as
 * an activity and records the number and SHA-256 it returns in the hazard's sealed history; a retry
 * (or a second worker) with the same key gets the stored document back, never a second number.
 */
export class DocumentIssuer {
  private readonly documents: DocumentIssueRepository;

  constructor(
    private readonly ds: DataSource,
    private readonly shift: (input: ShiftWorkingDaysInput) => Promise<string[]>,
  ) {
    this.documents = new DocumentIssueRepository(ds);
  }

  async issue(input: IssueDocumentInput): Promise<IssuedDocument> {
    const existing = await this.find(input.key);
    if (existing) return existing;
    const f = input.facts;
    const ent = await this.documents.enterprise(f.enterpriseId);
    const issuer = await this.issuer(input);
    const replyDueAt = f.replyWithinWorkingDays
      ? (await this.shift({ from: input.issuedAt, offsets: [f.replyWithinWorkingDays] }))[0]
      : null;
    const label = DOCUMENT_LABELS[input.kind];
    const template = DOCUMENT_TEMPLATES[input.kind];
    const enterpriseName = ent?.name ?? f.enterpriseId;
    const values: Record<string, string | null | undefined> = {
      企业名称: enterpriseName,
      统一社会信用代码: ent?.credit_code,
      隐患描述: f.description,
      隐患位置: f.location,
      挂牌单位: f.listing?.authority,
      挂牌层级: f.listing ? LEVEL_LABELS[f.listing.level].zh : null,
      牵头部门: f.listing?.leadDepartment,
      挂牌日期: f.listing ? zhDate(f.listing.listedAt) : null,
      挂牌文号: f.listing?.orderNumber ?? null,
      整改期限: f.rectificationDeadline ? zhDate(f.rectificationDeadline) : null,
      逾期工作日: f.overdueWorkingDays !== undefined ? String(f.overdueWorkingDays) : null,
      督办要求: f.requirement ?? DEFAULT_REQUIREMENTS[input.kind] ?? null,
      回复期限: replyDueAt ? zhDate(replyDueAt) : null,
      发文机关: issuer.name,
      销号日期: f.closedAt ? zhDate(f.closedAt) : null,
      处罚依据: f.penalty?.lawArticle,
      罚款金额: f.penalty ? f.penalty.amountYuan.toLocaleString('zh-CN') : null,
      被处罚人: f.penalty
        ? f.penalty.subject === 'enterprise'
          ? enterpriseName
          : (f.penalty.subjectName ?? `${enterpriseName}直接负责的主管人员`)
        : null,
      违法行为: f.penalty?.conduct ? f.penalty.conduct.split(' / ')[0] : '未按期消除事故隐患',
      依据文书: f.penalty?.basisNumber ?? '无',
    };
    // A line that mentions the order number only where the listing has one: the rest of the line stays.
    const lines = template.body
      .map((l) => fillLine(l, values) ?? fillLine(l.replace(/，?督办单号\{挂牌文号\}|；督办单号：\{挂牌文号\}/u, ''), values))
      .filter((l): l is string => l !== null);
    const addressee = template.addressee ? (fillLine(template.addressee, values) ?? fillLine('{企业名称}：', values)) : null;
    const year = shanghaiYear(input.issuedAt);
    const publicFields = isNoticeKind(input.kind)
      ? {
          enterprise: enterpriseName,
          hazard: f.description,
          listingAuthority: f.listing?.authority ?? null,
          listingLevel: f.listing?.level ?? null,
          leadDepartment: f.listing?.leadDepartment ?? null,
          deadline: f.rectificationDeadline,
          orderNumber: f.listing?.orderNumber ?? null,
          listedAt: f.listing?.listedAt ?? null,
          closedAt: f.closedAt ?? null,
        }
      : null;
    const addressedTo = ADDRESSEES[input.kind](values);
    // The number is reserved first, on its own: the issuer's sequence is not held while the letter is rendered and stored.
    const seq = await reserveNumber(this.ds, input.key, `${issuer.jurisdictionId}:${label.mark}`, year);
    const number = documentNumber(issuer.prefix, label.mark, year, seq);
    const bytes = await renderDocumentDocx({
      issuer: issuer.name,
      number,
      title: template.title,
      addressee,
      paragraphs: lines,
      dateLine: zhDate(input.issuedAt),
    });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const fileName = `${template.title}-${number}.docx`;
    const documentId = await this.documents.insert(this.ds.manager, {
      id: randomUUID(),
      issueKey: input.key,
      hazardId: input.hazardId,
      kind: input.kind,
      number,
      issuerJurisdictionId: issuer.jurisdictionId,
      issuerName: issuer.name,
      year,
      seq,
      title: template.title,
      jurisdictionPath: `/${input.jurisdictionPath.join('/')}/`,
      issuedAt: input.issuedAt,
      issuedBy: JSON.stringify(input.issuedBy),
      addressedTo: JSON.stringify(addressedTo),
      facts: JSON.stringify({ ...f, enterpriseName, creditCode: ent?.credit_code ?? null }),
      publicFields: publicFields ? JSON.stringify(publicFields) : null,
      fileName,
      contentType: DOCX,
      sizeBytes: bytes.length,
      sha256,
      content: bytes,
      replyDueAt,
    });
    // Another attempt of the same issue stored it first (the same number): its document is the one.
    if (!documentId) return (await this.find(input.key))!;
    return { documentId, kind: input.kind, number, title: template.title, sha256, sizeBytes: bytes.length, fileName, replyDueAt };
  }

  /** 公布: the date a notice was published; the public page shows it from then on. Idempotent. */
  async publish(input: PublishNoticeInput): Promise<void> {
    await this.documents.publish(input.documentId, input.publishedAt);
  }

  private async find(key: string): Promise<IssuedDocument | null> {
    const row = await this.documents.findByIssueKey(key);
    return row ? toIssued(row) : null;
  }

  /**
   * The issuing authority: the jurisdiction node of the issuing level on the hazard's path, its
   * registered 机关代字 and name, else ones derived from the node's name (or the listing authority).
   */
  private async issuer(input: IssueDocumentInput): Promise<Issuer> {
    const id = input.jurisdictionPath[LEVEL_INDEX[input.issuerLevel]] ?? input.jurisdictionPath[0];
    const row = await this.documents.issuingAuthority(id);
    const listingAuthority = input.facts.listing?.level === input.issuerLevel ? input.facts.listing.authority : null;
    const name = row?.authority_name ?? (row ? `${row.name}安全生产委员会办公室` : (listingAuthority ?? id));
    return {
      jurisdictionId: id,
      name,
      prefix: row?.prefix ?? defaultPrefix(row?.name ?? listingAuthority ?? id),
      path: row?.path ?? `/${id}/`,
    };
  }
}

const DEFAULT_REQUIREMENTS: Partial<Record<IssueDocumentInput['kind'], string>> = {
  supervision_letter: '立即落实整改责任和防范措施，加快整改进度，在回复期限内整改到位并申请销号；确需延期的，依规提出申请。',
  stoppage_recommendation: '依法责令该企业停产停业整顿，整改验收合格前不得恢复生产，并依法实施行政处罚。',
};

const ADDRESSEES: Record<IssueDocumentInput['kind'], (v: Record<string, string | null | undefined>) => string[]> = {
  supervision_letter: (v) => [v.企业名称, v.牵头部门].filter((x): x is string => !!x),
  stoppage_recommendation: (v) => [v.挂牌单位, v.牵头部门].filter((x): x is string => !!x),
  listing_notice: () => ['社会公众 / the public'],
  delisting_notice: () => ['社会公众 / the public'],
  penalty_decision: (v) => [v.被处罚人].filter((x): x is string => !!x),
};
