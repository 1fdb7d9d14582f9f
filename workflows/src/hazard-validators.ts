import type { Actor } from '@hazards/domain/hazard/actor';
import { RECTIFICATION_RUNNING, type HazardStatus } from '@hazards/domain/hazard/hazard-status';
import { CHOICES, isChoice, type Choice } from '@hazards/domain/hazard/action-choices';
import { isNewerPolicy } from '@hazards/domain/policy/policy-order';
import type { Policy } from '@hazards/domain/policy/policy.schema';
import {
  isOwnEnterprise,
  isSupervisorAt,
  isSupervisorAtOrAbove,
  isSupervisorIn,
  isInJurisdiction,
  mayReview,
} from '@hazards/domain/rules/actor.rule';
import { usedRectificationWorkingDays } from '@hazards/domain/rules/extension-period.rule';
import { LEVEL_LABELS } from '@hazards/domain/rules/listing-ladder.rule';
import { checkExtensionRequest } from '@hazards/domain/rules/extension.rule';
import { refusal, type Refusal } from '@hazards/domain/rules/refusal';
import {
  PLAN_PARTS,
  type DecideExtensionInput,
  type DecidePlanInput,
  type GradeInput,
  type HazardState,
  type LinkAccidentInput,
  type ListInput,
  type MigratePolicyInput,
  type ProductionStopInput,
  type RecordPenaltyInput,
  type RequestExtensionInput,
  type ReviewInput,
  type SubmitCompletionInput,
  type SubmitPlanInput,
  type WithdrawInput,
  type RecordDiscoveryInput,
} from './hazard-lifecycle.types';
import { PLAN_PART_NAMES } from '@hazards/domain/hazard/rectification-plan';

/**
 * Update validators, as pure functions of (state, input, now). They run before an update is
 * accepted: a refusal is answered to the caller synchronously and nothing enters the history.
 * Each returns the first problem found, or null.
 */
export type Check = Refusal | null;

const STATUS_LABELS: Record<HazardStatus, string> = {
  reported: '已上报待定级 (reported)',
  awaiting_listing: '重大隐患待挂牌 (awaiting listing)',
  listed: '已挂牌待提交方案 (listed)',
  plan_submitted: '方案待审 (plan submitted)',
  rectifying: '整改中 (rectifying)',
  submitted: '已申请销号待复核 (submitted for review)',
  closed: '已销号 (closed)',
  withdrawn: '已撤销 (withdrawn)',
};

export const first = (...checks: (() => Check)[]): Check => {
  for (const c of checks) {
    const r = c();
    if (r) return r;
  }
  return null;
};

const text = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const validInstant = (v: unknown): boolean => typeof v === 'string' && Number.isFinite(Date.parse(v));

export const required = (v: unknown, field: string, zh: string): Check =>
  text(v) ? null : refusal('Invalid', 'FIELD_REQUIRED', `缺少${zh}`, `${field} is required`, field);

export const pastInstant = (v: unknown, field: string, zh: string, now: number): Check => {
  if (v === undefined) return null;
  if (!validInstant(v)) return refusal('Invalid', 'FIELD_INVALID', `${zh}不是有效时间`, `${field} is not a valid ISO instant`, field);
  return Date.parse(v as string) > now
    ? refusal('Invalid', 'FIELD_IN_FUTURE', `${zh}不能晚于当前时间`, `${field} cannot be in the future`, field)
    : null;
};

/** A closed choice: refused with the wording the API's DTOs use for the same field. */
const oneOf = (c: Choice, value: unknown): Check => (isChoice(c, value) ? null : refusal('Invalid', 'FIELD_INVALID', c.zh, c.en, c.field));

export const actorPresent = (actor: Actor | undefined): Check =>
  actor && text(actor.userId) && text(actor.role)
    ? null
    : refusal('Invalid', 'ACTOR_REQUIRED', '缺少操作人', 'the acting user (actor) is required', 'actor');

export const inStatus = (s: HazardState, allowed: readonly HazardStatus[], zhAction: string, enAction: string): Check => {
  if (allowed.includes(s.status)) return null;
  if (s.status === 'closed' || s.status === 'withdrawn') {
    return refusal(
      'IllegalState',
      'HAZARD_CLOSED',
      `隐患已${s.status === 'closed' ? '销号' : '撤销'}，不能${zhAction}`,
      `the hazard is ${s.status}; cannot ${enAction}`,
    );
  }
  return refusal(
    'IllegalState',
    'WRONG_STATE',
    `当前状态为${STATUS_LABELS[s.status]}，不能${zhAction}`,
    `cannot ${enAction} while the hazard is ${s.status}`,
  );
};

export const open = (s: HazardState, zh: string, en: string): Check =>
  inStatus(s, ['reported', 'awaiting_listing', 'listed', 'plan_submitted', 'rectifying', 'submitted'], zh, en);

const ownEnterprise = (s: HazardState, actor: Actor, zh: string, en: string): Check =>
  isOwnEnterprise(actor, s.enterpriseId)
    ? null
    : refusal(
        'Forbidden',
        'NOT_OWN_ENTERPRISE',
        `只有本企业人员可以${zh}`,
        `only a user of the hazard's own enterprise may ${en}`,
        'actor',
      );

export const supervisorIn = (s: HazardState, actor: Actor, zh: string, en: string): Check =>
  isSupervisorIn(actor, s.jurisdictionPath)
    ? null
    : refusal(
        'Forbidden',
        'NOT_SUPERVISOR_OF_JURISDICTION',
        `只有本辖区监管人员可以${zh}`,
        `only a supervisor of the hazard's jurisdiction may ${en}`,
        'actor',
      );

const supervisorAtListingLevel = (s: HazardState, actor: Actor, zh: string, en: string): Check => {
  if (s.grade !== 'major' || !s.listing) return supervisorIn(s, actor, zh, en);
  const level = s.listing.level;
  return isSupervisorAt(actor, s.jurisdictionPath, level)
    ? null
    : refusal(
        'Forbidden',
        'WRONG_LEVEL',
        `只有挂牌单位(${level}级)监管人员可以${zh}`,
        `only a ${level}-level supervisor of the listing may ${en}`,
        'actor',
      );
};

export function validateGrade(s: HazardState, i: GradeInput): Check {
  return first(
    () => actorPresent(i?.actor),
    () => inStatus(s, ['reported'], '定级', 'grade'),
    () =>
      (i.actor.role === 'supervisor' || i.actor.role === 'grid_inspector') && isInJurisdiction(i.actor, s.jurisdictionPath)
        ? null
        : refusal(
            'Forbidden',
            'ROLE_NOT_ALLOWED',
            '只有本辖区监管人员或网格员可以定级',
            'only a supervisor or grid inspector of the jurisdiction may grade',
            'actor',
          ),
    () => oneOf(CHOICES.grade, i.grade),
    () => oneOf(CHOICES.accidentType, i.accidentType),
    () => required(i.industry, 'industry', '行业'),
    () =>
      i.grade === 'major' && i.actor.role !== 'supervisor'
        ? refusal(
            'Forbidden',
            'MAJOR_NEEDS_SUPERVISOR',
            '重大隐患须由监管人员判定',
            'only a supervisor may grade a hazard as major',
            'actor',
          )
        : null,
    () =>
      i.grade === 'major' && !(text(i.criterion?.standard) && text(i.criterion?.item))
        ? refusal(
            'Invalid',
            'CRITERION_REQUIRED',
            '重大隐患须注明判定标准及条款',
            'a major hazard needs the criterion standard and item that matched',
            'criterion',
          )
        : null,
    () => (i.generalMode !== undefined ? oneOf(CHOICES.generalMode, i.generalMode) : null),
  );
}

export function validateList(s: HazardState, i: ListInput, now: number, policy: Policy): Check {
  return first(
    () => actorPresent(i?.actor),
    () => inStatus(s, ['awaiting_listing'], '挂牌督办', 'list the hazard'),
    () => oneOf(CHOICES.listingLevel, i.level),
    () =>
      isSupervisorAt(i.actor, s.jurisdictionPath, i.level)
        ? null
        : refusal(
            'Forbidden',
            'WRONG_LEVEL',
            `只有本辖区${i.level}级监管人员可以挂牌${i.level}级督办`,
            `only a ${i.level}-level supervisor of the jurisdiction may list at ${i.level} level`,
            'actor',
          ),
    () => required(i.authority, 'authority', '挂牌单位'),
    () => required(i.leadDepartment, 'leadDepartment', '牵头部门'),
    () => pastInstant(i.publishedAt, 'publishedAt', '公布时间', now),
    () =>
      i.deadlineWorkingDays !== undefined &&
      !(
        Number.isInteger(i.deadlineWorkingDays) &&
        i.deadlineWorkingDays >= 1 &&
        i.deadlineWorkingDays <= policy.rectification.maxWorkingDays
      )
        ? refusal(
            'Invalid',
            'FIELD_INVALID',
            `整改期限须为1至${policy.rectification.maxWorkingDays}个工作日`,
            `deadlineWorkingDays must be 1 to ${policy.rectification.maxWorkingDays}`,
            'deadlineWorkingDays',
          )
        : null,
  );
}

export function validateSubmitPlan(s: HazardState, i: SubmitPlanInput): Check {
  return first(
    () => actorPresent(i?.actor),
    () => inStatus(s, ['listed'], '提交治理方案', 'submit a plan'),
    () => ownEnterprise(s, i.actor, '提交治理方案', 'submit the plan'),
    () => (i.plan && typeof i.plan === 'object' ? null : refusal('Invalid', 'FIELD_REQUIRED', '缺少治理方案', 'plan is required', 'plan')),
    ...PLAN_PARTS.map((part) => () => required(i.plan[part], `plan.${part}`, `治理方案的“${PLAN_PART_NAMES[part]}”`)),
    () => required(i.interimMeasures, 'interimMeasures', '整改期间的防范措施'),
    () =>
      typeof i.productionStopped === 'boolean'
        ? null
        : refusal('Invalid', 'FIELD_REQUIRED', '须说明是否停产', 'productionStopped (true/false) is required', 'productionStopped'),
  );
}

export function validateDecidePlan(s: HazardState, i: DecidePlanInput): Check {
  return first(
    () => actorPresent(i?.actor),
    () => inStatus(s, ['plan_submitted'], '审核方案', 'decide on the plan'),
    () => supervisorAtListingLevel(s, i.actor, '审核方案', 'decide on the plan'),
    () => oneOf(CHOICES.planDecision, i.decision),
    () => (i.decision === 'return' ? required(i.reason, 'reason', '退回理由') : null),
  );
}

export function validateRequestExtension(s: HazardState, i: RequestExtensionInput, now: number, policy: Policy): Check {
  const pending = s.extensions.some((e) => e.decision === null);
  return first(
    () => actorPresent(i?.actor),
    () => inStatus(s, RECTIFICATION_RUNNING, '申请延期', 'request an extension'),
    () => ownEnterprise(s, i.actor, '申请延期', 'request an extension'),
    () => required(i.reason, 'reason', '延期理由'),
    () =>
      checkExtensionRequest(policy, {
        now,
        deadline: s.deadlines.rectification,
        requestCutoff: s.deadlines.extensionRequestCutoff,
        approvedCount: s.extensions.filter((e) => e.decision === 'approve').length,
        pending,
        requestedWorkingDays: i.workingDays,
        usedWorkingDays: usedRectificationWorkingDays(policy, s),
      }),
  );
}

export function validateDecideExtension(s: HazardState, i: DecideExtensionInput): Check {
  const pending = s.extensions.find((e) => e.decision === null);
  return first(
    () => actorPresent(i?.actor),
    () => inStatus(s, RECTIFICATION_RUNNING, '审批延期', 'decide an extension'),
    () =>
      pending
        ? null
        : refusal('IllegalState', 'NO_PENDING_EXTENSION', '没有待审批的延期申请', 'there is no extension request awaiting decision'),
    () => supervisorAtListingLevel(s, i.actor, '审批延期', 'decide an extension'),
    () => oneOf(CHOICES.extensionDecision, i.decision),
    () => (i.decision === 'refuse' ? required(i.reason, 'reason', '不予延期的理由') : null),
    () =>
      i.workingDays !== undefined &&
      !(Number.isInteger(i.workingDays) && i.workingDays >= 1 && i.workingDays <= (pending?.workingDays ?? 0))
        ? refusal(
            'Invalid',
            'FIELD_INVALID',
            `批准的延期天数须为1至${pending?.workingDays}个工作日`,
            `approved working days must be 1 to ${pending?.workingDays}`,
            'workingDays',
          )
        : null,
  );
}

export function validateSubmitCompletion(s: HazardState, i: SubmitCompletionInput): Check {
  return first(
    () => actorPresent(i?.actor),
    () => inStatus(s, ['rectifying'], '申请销号', 'submit completion'),
    () => ownEnterprise(s, i.actor, '申请销号', 'submit completion'),
    () =>
      Array.isArray(i.evidenceFileIds) && i.evidenceFileIds.length > 0 && i.evidenceFileIds.every(text)
        ? null
        : refusal('Invalid', 'EVIDENCE_REQUIRED', '须上传整改证明材料', 'at least one evidence file is required', 'evidenceFileIds'),
    () =>
      s.grade === 'major' && !i.assessment
        ? refusal(
            'Invalid',
            'ASSESSMENT_REQUIRED',
            '重大隐患须提交评估报告(本单位技术人员或第三方机构)',
            'a major hazard needs an assessment (own experts or a third-party assessor)',
            'assessment',
          )
        : null,
    () => (i.assessment ? oneOf(CHOICES.assessmentBy, i.assessment.by) : null),
    () =>
      i.assessment?.by === 'third_party' ? required(i.assessment.assessorName, 'assessment.assessorName', '第三方评估机构名称') : null,
    () => (i.assessment ? required(i.assessment.conclusion, 'assessment.conclusion', '评估结论') : null),
  );
}

export function validateReview(s: HazardState, i: ReviewInput, policy: Policy): Check {
  const current = s.review ? s.review.levels[s.review.index] : null;
  return first(
    () => actorPresent(i?.actor),
    () => inStatus(s, ['submitted'], '复核', 'review'),
    () =>
      current && (i.level === undefined || i.level === current)
        ? null
        : refusal(
            'IllegalState',
            'REVIEW_LEVEL_MISMATCH',
            `当前待复核层级为${current}，不是${i.level}`,
            `the review awaited is at ${current} level, not ${i.level}`,
            'level',
          ),
    () =>
      mayReview(policy, i.actor, s, current!, s.review!.escalatedTo)
        ? null
        : refusal('Forbidden', 'REVIEWER_NOT_ALLOWED', `无权进行${current}级复核`, `this user may not give the ${current} review`, 'actor'),
    () => oneOf(CHOICES.reviewResult, i.result),
    () => (i.result === 'reject' ? required(i.reason, 'reason', '不通过的理由') : null),
    () =>
      i.onSiteAt !== undefined && !validInstant(i.onSiteAt)
        ? refusal('Invalid', 'FIELD_INVALID', '现场复核时间无效', 'onSiteAt is not a valid instant', 'onSiteAt')
        : null,
  );
}

export function validateWithdraw(s: HazardState, i: WithdrawInput): Check {
  return first(
    () => actorPresent(i?.actor),
    () => open(s, '撤销', 'withdraw'),
    () => supervisorIn(s, i.actor, '撤销隐患', 'withdraw a hazard'),
    // A listed hazard is withdrawn only by its listing level or above: a lower level may not stop its ladder.
    () =>
      s.listing && !isSupervisorAtOrAbove(i.actor, s.jurisdictionPath, s.listing.level)
        ? refusal(
            'Forbidden',
            'WITHDRAW_BELOW_LISTING_LEVEL',
            `该隐患由${LEVEL_LABELS[s.listing.level].zh}级挂牌督办，只有挂牌层级或上级可以撤销`,
            `the hazard is listed at ${s.listing.level} level; only that level or above may withdraw it`,
            'actor',
          )
        : null,
    () => oneOf(CHOICES.withdrawKind, i.kind),
    () => required(i.reason, 'reason', '撤销理由'),
    () => (i.kind === 'duplicate' ? required(i.duplicateOf, 'duplicateOf', '重复的隐患编号') : null),
  );
}

/** 合并重复隐患: the original, still open, records the duplicate's discovery once. */
export function validateRecordDiscovery(s: HazardState, i: RecordDiscoveryInput): Check {
  return first(
    () => actorPresent(i?.actor),
    () => open(s, '合并重复隐患', 'merge a duplicate'),
    () => supervisorIn(s, i.actor, '合并重复隐患', 'merge a duplicate'),
    () => required(i.duplicateHazardId, 'duplicateHazardId', '重复的隐患编号'),
    () => required(i.source, 'source', '来源'),
    () =>
      i.duplicateHazardId === s.hazardId
        ? refusal('Invalid', 'MERGE_INTO_ITSELF', '不能与自身合并', 'a hazard cannot be merged into itself', 'duplicateHazardId')
        : null,
    () =>
      (s.discoveries ?? []).some((d) => d.hazardId === i.duplicateHazardId)
        ? refusal('IllegalState', 'ALREADY_MERGED', '该重复隐患已合并', 'this duplicate is merged already', 'duplicateHazardId')
        : null,
  );
}

export function validateProductionStop(s: HazardState, i: ProductionStopInput): Check {
  return first(
    () => actorPresent(i?.actor),
    () => open(s, '记录停产', 'record a production stop'),
    () => oneOf(CHOICES.productionAction, i.action),
    () =>
      i.action === 'ordered'
        ? isSupervisorIn(i.actor, s.jurisdictionPath) || isOwnEnterprise(i.actor, s.enterpriseId)
          ? null
          : refusal(
              'Forbidden',
              'ROLE_NOT_ALLOWED',
              '只有本辖区监管人员或本企业可以记录停产',
              'only a supervisor of the jurisdiction or the enterprise itself may record a stop',
              'actor',
            )
        : supervisorIn(s, i.actor, '解除停产', 'lift a production stop'),
    () =>
      i.action === 'ordered' && s.production.stopped
        ? refusal('IllegalState', 'ALREADY_STOPPED', '已处于停产状态', 'production is already stopped')
        : null,
    () =>
      i.action === 'lifted' && !s.production.stopped
        ? refusal('IllegalState', 'NOT_STOPPED', '未处于停产状态，无需解除', 'production is not stopped')
        : null,
    () => {
      // A stop ordered by a level is lifted by that level or above (the enterprise's own declaration by any supervisor).
      const order = [...s.production.changes].reverse().find((c) => c.action === 'ordered');
      return i.action === 'lifted' && order?.level && !isSupervisorAtOrAbove(i.actor, s.jurisdictionPath, order.level)
        ? refusal(
            'Forbidden',
            'LIFT_BELOW_ORDERING_LEVEL',
            `停产由${LEVEL_LABELS[order.level].zh}级责令，只有该层级或上级可以解除`,
            `the stop was ordered at ${order.level} level; only that level or above may lift it`,
            'actor',
          )
        : null;
    },
  );
}

export function validateLinkAccident(s: HazardState, i: LinkAccidentInput, now: number): Check {
  return first(
    () => actorPresent(i?.actor),
    () => open(s, '关联事故', 'link an accident'),
    () => supervisorIn(s, i.actor, '关联事故', 'link an accident'),
    () => required(i.accidentId, 'accidentId', '事故编号'),
    () => required(i.description, 'description', '事故概况'),
    () =>
      i.occurredAt === undefined
        ? required(undefined, 'occurredAt', '事故发生时间')
        : pastInstant(i.occurredAt, 'occurredAt', '事故发生时间', now),
  );
}

export function validateRecordPenalty(s: HazardState, i: RecordPenaltyInput, now: number): Check {
  return first(
    () => actorPresent(i?.actor),
    () => open(s, '记录处罚', 'record a penalty'),
    () => supervisorIn(s, i.actor, '记录行政处罚', 'record a penalty'),
    () => required(i.lawArticle, 'lawArticle', '处罚依据(法律条款)'),
    () =>
      typeof i.amountYuan === 'number' && Number.isFinite(i.amountYuan) && i.amountYuan >= 0
        ? null
        : refusal('Invalid', 'FIELD_INVALID', '罚款金额须为非负数', 'amountYuan must be a non-negative number', 'amountYuan'),
    () => pastInstant(i.decidedAt, 'decidedAt', '处罚决定时间', now),
  );
}

/**
 * 策略迁移: only an admin moves a running hazard to another policy version, only forward (a later
 * version than the one it runs under, see policy-order), and always with a reason for the record.
 */
export function validateMigratePolicy(s: HazardState, i: MigratePolicyInput, _now: number, policy: Policy): Check {
  return first(
    () => actorPresent(i?.actor),
    () => open(s, '迁移策略版本', 'migrate the policy'),
    () =>
      i.actor.role === 'admin'
        ? null
        : refusal(
            'Forbidden',
            'ADMIN_ONLY',
            '只有系统管理员可以迁移策略版本',
            'only an admin may migrate a hazard to another policy version',
            'actor',
          ),
    () => required(i.reason, 'reason', '迁移理由'),
    () =>
      i.policy && text(i.policy.version) && text(i.policy.effectiveFrom)
        ? null
        : refusal(
            'Invalid',
            'FIELD_REQUIRED',
            '缺少目标策略（版本号与生效日期）',
            'policy (with its version and effectiveFrom) is required',
            'policy',
          ),
    () =>
      i.policy.version === s.policyVersion
        ? refusal(
            'IllegalState',
            'POLICY_ALREADY_CURRENT',
            `隐患已按策略版本${s.policyVersion}办理`,
            `the hazard already runs under policy ${s.policyVersion}`,
            'policy',
          )
        : null,
    () =>
      isNewerPolicy(i.policy, policy)
        ? null
        : refusal(
            'IllegalState',
            'POLICY_NOT_NEWER',
            `目标策略${i.policy.version}不晚于现行版本${policy.version}，只能向新版本迁移`,
            `policy ${i.policy.version} is not newer than ${policy.version}; hazards migrate only forward`,
            'policy',
          ),
  );
}
