import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  DecideExtensionInput,
  DecidePlanInput,
  GradeInput,
  HazardView,
  LinkAccidentInput,
  ListInput,
  MigratePolicyInput,
  PolicyMigrationResult,
  ProductionStopInput,
  RecordDiscoveryInput,
  RecordPenaltyInput,
  RequestExtensionInput,
  ReviewInput,
  SubmitCompletionInput,
  SubmitPlanInput,
  UpdateResult,
  WithdrawInput,
} from './hazard-lifecycle.types';
import type { HoldInterviewInput, IssueLetterInput, PublishNoticeInput, ScheduleInterviewInput } from './accountability.types';

/**
 * Updates (each with a validator) and the query of the hazard lifecycle. The API imports these
 * definitions to call the workflow; names are part of the contract, do not rename.
 */
export const gradeUpdate = defineUpdate<UpdateResult, [GradeInput]>('grade'); // 定级
export const listUpdate = defineUpdate<UpdateResult, [ListInput]>('list'); // 挂牌督办
export const submitPlanUpdate = defineUpdate<UpdateResult, [SubmitPlanInput]>('submitPlan'); // 提交治理方案
export const decidePlanUpdate = defineUpdate<UpdateResult, [DecidePlanInput]>('decidePlan'); // 审核方案
export const requestExtensionUpdate = defineUpdate<UpdateResult, [RequestExtensionInput]>('requestExtension'); // 申请延期
export const decideExtensionUpdate = defineUpdate<UpdateResult, [DecideExtensionInput]>('decideExtension'); // 审批延期
export const submitCompletionUpdate = defineUpdate<UpdateResult, [SubmitCompletionInput]>('submitCompletion'); // 申请销号
export const reviewUpdate = defineUpdate<UpdateResult, [ReviewInput]>('review'); // 复核 / 核查
export const withdrawUpdate = defineUpdate<UpdateResult, [WithdrawInput]>('withdraw'); // 撤销 (重复/不实)
export const recordProductionStopUpdate = defineUpdate<UpdateResult, [ProductionStopInput]>('recordProductionStop'); // 停产/复产
export const linkAccidentUpdate = defineUpdate<UpdateResult, [LinkAccidentInput]>('linkAccident'); // 关联事故
export const recordPenaltyUpdate = defineUpdate<UpdateResult, [RecordPenaltyInput]>('recordPenalty'); // 行政处罚
export const migratePolicyUpdate = defineUpdate<PolicyMigrationResult, [MigratePolicyInput]>('migratePolicy'); // 策略迁移 (admin)

export const recordDiscoveryUpdate = defineUpdate<UpdateResult, [RecordDiscoveryInput]>('recordDiscovery'); // 合并重复隐患：记录来源
export const issueLetterUpdate = defineUpdate<UpdateResult, [IssueLetterInput]>('issueLetter'); // 发督办函 / 停产整顿建议
export const publishNoticeUpdate = defineUpdate<UpdateResult, [PublishNoticeInput]>('publishNotice'); // 公布挂牌/摘牌公告
export const scheduleInterviewUpdate = defineUpdate<UpdateResult, [ScheduleInterviewInput]>('scheduleInterview'); // 安排约谈
export const holdInterviewUpdate = defineUpdate<UpdateResult, [HoldInterviewInput]>('holdInterview'); // 约谈记录

export const getStateQuery = defineQuery<HazardView>('getState');
