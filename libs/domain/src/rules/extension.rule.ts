import type { Policy } from '../policy/policy.schema';
import { refusal, type Refusal } from './refusal';

export interface ExtensionRequestContext {
  now: number;
  /** The running rectification deadline (ISO), if any. */
  deadline: string | null;
  /** The last instant an extension may be requested: deadline minus N working days (ISO), precomputed. */
  requestCutoff: string | null;
  approvedCount: number;
  pending: boolean;
  requestedWorkingDays: number;
  /**
   * Working days the rectification period already spans from listing (the listed deadline plus the
   * extensions approved). Extensions may never take it past the policy's maximum period.
   */
  usedWorkingDays: number;
}

/**
 * Extension eligibility (延期): requested at least N working days before the deadline, not while
 * another request is pending, within the cap on count and on length, and never past the maximum
 * rectification period counted from listing. Working-day math was done
 * outside (the cutoff instant), so this stays pure and deterministic.
 */
export function checkExtensionRequest(policy: Policy, c: ExtensionRequestContext): Refusal | null {
  const rule = policy.extension;
  if (!Number.isInteger(c.requestedWorkingDays) || c.requestedWorkingDays < 1 || c.requestedWorkingDays > rule.maxWorkingDaysPerExtension) {
    return refusal(
      'Invalid',
      'EXTENSION_LENGTH_INVALID',
      `延期天数须为1至${rule.maxWorkingDaysPerExtension}个工作日`,
      `extension must be 1 to ${rule.maxWorkingDaysPerExtension} working days`,
      'workingDays',
    );
  }
  if (c.deadline === null || c.requestCutoff === null) {
    return refusal('IllegalState', 'NO_DEADLINE', '尚无整改期限，无需延期', 'there is no rectification deadline to extend');
  }
  if (c.pending) {
    return refusal('IllegalState', 'EXTENSION_PENDING', '已有延期申请待审批', 'an extension request is already awaiting decision');
  }
  if (c.approvedCount >= rule.maxCount) {
    return refusal(
      'IllegalState',
      'EXTENSION_CAP_REACHED',
      `延期次数已达上限(${rule.maxCount}次)`,
      `the cap of ${rule.maxCount} extensions is reached`,
    );
  }
  const left = policy.rectification.maxWorkingDays - c.usedWorkingDays;
  if (c.requestedWorkingDays > left) {
    return refusal(
      'IllegalState',
      'EXTENSION_BEYOND_CEILING',
      `整改期限自挂牌起不得超过${policy.rectification.maxWorkingDays}个工作日，最多还可延期${Math.max(left, 0)}个工作日`,
      `the rectification period may not exceed ${policy.rectification.maxWorkingDays} working days from listing; at most ${Math.max(left, 0)} more may be granted`,
      'workingDays',
    );
  }
  if (c.now > Date.parse(c.requestCutoff)) {
    return refusal(
      'IllegalState',
      'EXTENSION_TOO_LATE',
      `延期须在整改期限届满前至少${rule.minWorkingDaysBeforeDeadline}个工作日申请(最晚 ${c.requestCutoff})`,
      `an extension must be requested at least ${rule.minWorkingDaysBeforeDeadline} working days before the deadline (by ${c.requestCutoff})`,
    );
  }
  return null;
}
