import { DOCUMENT_LABELS, ON_DEMAND_KINDS } from '@hazards/domain/accountability/document-kinds';
import type { Actor } from '@hazards/domain/hazard/actor';
import type { ListingLevel } from '@hazards/domain/hazard/vocabulary';
import type { Policy } from '@hazards/domain/policy/policy.schema';
import { isSupervisorAtOrAbove } from '@hazards/domain/rules/actor.rule';
import { LEVEL_LABELS } from '@hazards/domain/rules/listing-ladder.rule';
import { boundsLabel, citedArticle, withinBounds } from '@hazards/domain/rules/penalty-bounds.rule';
import { refusal } from '@hazards/domain/rules/refusal';
import type { HoldInterviewInput, IssueLetterInput, PublishNoticeInput, ScheduleInterviewInput } from './accountability.types';
import type { HazardState, ProductionStopInput, RecordPenaltyInput } from './hazard-lifecycle.types';
import { actorPresent, first, open, pastInstant, required, type Check } from './hazard-validators';
import { issuingLevel } from './lifecycle/documents';
import { interviewIndex } from './lifecycle/interviews';

/**
 * Validators of the accountability actions (issue 18), pure like the others: documents on demand,
 * publishing a notice, scheduling and holding an interview, and the bounds on a penalty.
 */

const atOrAbove = (s: HazardState, actor: Actor, level: ListingLevel, zh: string, en: string): Check =>
  isSupervisorAtOrAbove(actor, s.jurisdictionPath, level)
    ? null
    : refusal(
        'Forbidden',
        'WRONG_LEVEL',
        `只有${LEVEL_LABELS[level].zh}级或以上监管人员可以${zh}`,
        `only a supervisor at ${level} level or above may ${en}`,
        'actor',
      );

const maxLength = (v: unknown, max: number, field: string, zh: string): Check =>
  typeof v === 'string' && v.length > max
    ? refusal('Invalid', 'FIELD_TOO_LONG', `${zh}不能超过${max}字`, `${field} must be at most ${max} characters`, field)
    : null;

const validInstant = (v: unknown, field: string, zh: string): Check =>
  typeof v === 'string' && Number.isFinite(Date.parse(v))
    ? null
    : refusal('Invalid', 'FIELD_INVALID', `${zh}不是有效时间`, `${field} is not a valid ISO instant`, field);

const ownDocument = (s: HazardState, id: string | undefined, field: string): Check =>
  id === undefined || s.documents.some((d) => d.documentId === id)
    ? null
    : refusal('Invalid', 'UNKNOWN_DOCUMENT', `文书 ${id} 不是本隐患的文书`, `document ${id} is not one of this hazard's documents`, field);

export function validateIssueLetter(s: HazardState, i: IssueLetterInput, _now: number, policy: Policy): Check {
  return first(
    () => actorPresent(i?.actor),
    () => open(s, '发文', 'issue a document'),
    () =>
      policy.documents
        ? null
        : refusal(
            'IllegalState',
            'DOCUMENTS_NOT_IN_POLICY',
            `该隐患适用的策略（${s.policyVersion}）不含问责文书`,
            `the hazard's policy (${s.policyVersion}) has no accountability documents`,
          ),
    () =>
      (ON_DEMAND_KINDS as readonly string[]).includes(i.kind)
        ? null
        : refusal(
            'Invalid',
            'FIELD_INVALID',
            '文书类别须为督办函或停产整顿建议书',
            'kind must be supervision_letter or stoppage_recommendation',
            'kind',
          ),
    () => atOrAbove(s, i.actor, issuingLevel(s), `发${DOCUMENT_LABELS[i.kind].zh}`, `issue a ${DOCUMENT_LABELS[i.kind].en}`),
    () => maxLength(i.requirement, 2000, 'requirement', '督办要求'),
  );
}

export function validatePublishNotice(s: HazardState, i: PublishNoticeInput, now: number): Check {
  const notice = s.notices.find((n) => n.documentId === i?.documentId);
  return first(
    () => actorPresent(i?.actor),
    () =>
      notice
        ? null
        : refusal(
            'Invalid',
            'UNKNOWN_NOTICE',
            `公告 ${i.documentId} 不是本隐患的公告`,
            `notice ${i.documentId} is not one of this hazard's notices`,
            'documentId',
          ),
    () =>
      notice!.publishedAt === null
        ? null
        : refusal(
            'IllegalState',
            'ALREADY_PUBLISHED',
            `该公告已于${notice!.publishedAt}公布`,
            `the notice was already published at ${notice!.publishedAt}`,
          ),
    () => atOrAbove(s, i.actor, notice!.level, '公布公告', 'publish the notice'),
    () => pastInstant(i.publishedAt, 'publishedAt', '公布时间', now),
    () =>
      i.publishedAt !== undefined && Date.parse(i.publishedAt) < Date.parse(notice!.issuedAt)
        ? refusal(
            'Invalid',
            'FIELD_INVALID',
            '公布时间不能早于公告印发时间',
            'publishedAt cannot be before the notice was issued',
            'publishedAt',
          )
        : null,
  );
}

/** The interview an action names: it exists and is not held yet. */
function pendingInterview(s: HazardState, index: number | undefined): Check {
  const iv = s.interviews[interviewIndex(s.interviews, index)];
  if (!iv) return refusal('IllegalState', 'NO_INTERVIEW', '没有待举行的约谈', 'there is no interview to hold', 'interview');
  return iv.held ? refusal('IllegalState', 'INTERVIEW_HELD', '该约谈已举行', 'that interview was already held', 'interview') : null;
}

export function validateScheduleInterview(s: HazardState, i: ScheduleInterviewInput): Check {
  return first(
    () => actorPresent(i?.actor),
    () => open(s, '安排约谈', 'schedule an interview'),
    () => pendingInterview(s, i.interview),
    () => atOrAbove(s, i.actor, s.interviews[interviewIndex(s.interviews, i.interview)].level, '安排约谈', 'schedule the interview'),
    () => validInstant(i.at, 'at', '约谈时间'),
    () => required(i.place, 'place', '约谈地点'),
    () => required(i.enterprisePrincipal, 'enterprisePrincipal', '被约谈企业主要负责人'),
    () => required(i.departmentResponsible, 'departmentResponsible', '部门责任人'),
    () =>
      maxLength(i.place, 200, 'place', '约谈地点') ??
      maxLength(i.enterprisePrincipal, 100, 'enterprisePrincipal', '企业主要负责人') ??
      maxLength(i.departmentResponsible, 100, 'departmentResponsible', '部门责任人'),
  );
}

export function validateHoldInterview(s: HazardState, i: HoldInterviewInput, now: number): Check {
  return first(
    () => actorPresent(i?.actor),
    () => open(s, '记录约谈', 'record an interview'),
    () => pendingInterview(s, i.interview),
    () =>
      s.interviews[interviewIndex(s.interviews, i.interview)].scheduled
        ? null
        : refusal('IllegalState', 'INTERVIEW_NOT_SCHEDULED', '约谈尚未安排', 'the interview has not been scheduled'),
    () => atOrAbove(s, i.actor, s.interviews[interviewIndex(s.interviews, i.interview)].level, '记录约谈', 'record the interview'),
    () =>
      Array.isArray(i.attendees) &&
      i.attendees.length >= 1 &&
      i.attendees.length <= 50 &&
      i.attendees.every((a) => typeof a === 'string' && a.trim().length > 0 && a.length <= 100)
        ? null
        : refusal(
            'Invalid',
            'FIELD_INVALID',
            '参加人员须为1至50人，每人不超过100字',
            'attendees must be 1 to 50 names of at most 100 characters',
            'attendees',
          ),
    () => required(i.minutesFileId, 'minutesFileId', '约谈记录（文件）'),
    () => pastInstant(i.heldAt, 'heldAt', '约谈时间', now),
    () => maxLength(i.summary, 2000, 'summary', '约谈纪要'),
  );
}

/**
 * A penalty within the range of the article it cites (Safety Law art 102: up to ¥50,000 on the
 * enterprise; ¥50,000–100,000 on its responsible people), under a policy that names the articles.
 */
export function validatePenaltyBounds(s: HazardState, i: RecordPenaltyInput, policy: Policy): Check {
  const subject = i.subject ?? 'enterprise';
  return first(
    () =>
      subject === 'enterprise' || subject === 'responsible_person'
        ? null
        : refusal(
            'Invalid',
            'FIELD_INVALID',
            '被处罚人须为企业或直接责任人员',
            'subject must be enterprise or responsible_person',
            'subject',
          ),
    () => (subject === 'responsible_person' ? required(i.subjectName, 'subjectName', '被处罚的直接责任人员姓名') : null),
    () => maxLength(i.subjectName, 100, 'subjectName', '被处罚人姓名'),
    () => ownDocument(s, i.basisDocumentId, 'basisDocumentId'),
    () => {
      const article = citedArticle(policy, i.lawArticle, subject);
      if (!article || typeof i.amountYuan !== 'number' || withinBounds(article, i.amountYuan)) return null;
      const b = boundsLabel(article);
      return refusal(
        'Invalid',
        'PENALTY_OUT_OF_RANGE',
        `${article.lawArticle}规定的罚款幅度为${b.zh}`,
        `${article.lawArticle} allows a fine of ${b.en}`,
        'amountYuan',
      );
    },
  );
}

export function validateProductionStopBasis(s: HazardState, i: ProductionStopInput): Check {
  return ownDocument(s, i.basisDocumentId, 'basisDocumentId');
}
