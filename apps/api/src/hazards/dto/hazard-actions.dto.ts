import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CHOICES, type Choice, type ChoiceValue } from '@hazards/domain/hazard/action-choices';
import { ISO_WITH_OFFSET, msg, Trim } from '@hazards/api-contract/dto-helpers';

const text = (field: string, zh: string, min: number, max: number) => [
  Trim(),
  IsString(msg(`${zh}必须是字符串`, `${field} must be a string`)),
  Length(min, max, msg(`${zh}长度为${min}–${max}`, `${field} must be ${min}–${max} characters`)),
];
const apply =
  (...ds: PropertyDecorator[]): PropertyDecorator =>
  (t, k) =>
    ds.forEach((d) => d(t, k));
/** A closed choice, refused with the workflow validator's own wording (libs/domain action-choices). */
const OneOf = (c: Choice) => IsIn(c.values as string[], msg(c.zh, c.en));
export const Text = (field: string, zh: string, min = 1, max = 2000) => apply(...text(field, zh, min, max));
export const OptText = (field: string, zh: string, min = 1, max = 2000) => apply(IsOptional(), ...text(field, zh, min, max));
/** An instant: ISO 8601 with an offset, and a real date (no 2026-02-30). */
const instant = (field: string, zh: string) => [
  IsString(msg(`${zh}必须是字符串`, `${field} must be a string`)),
  Matches(
    ISO_WITH_OFFSET,
    msg(
      `${zh}须为带时区的ISO 8601时间，如 2026-05-01T09:00:00+08:00`,
      `${field} must be ISO 8601 with an offset, e.g. 2026-05-01T09:00:00+08:00`,
    ),
  ),
  IsISO8601({ strict: true }, msg(`${zh}不是有效的日期时间`, `${field} is not a valid date and time`)),
];
export const Instant = (field: string, zh: string) => apply(IsOptional(), ...instant(field, zh));
export const RequiredInstant = (field: string, zh: string) => apply(...instant(field, zh));
export const FileId = (field: string, each = false) =>
  IsUUID('all', { each, ...msg('证据文件编号须为上传时返回的 UUID', `${field} must be the UUID returned by the upload`) });

export class CriterionDto {
  @ApiProperty({ example: '工贸企业重大事故隐患判定标准（2023）' }) @Text('criterion.standard', '判定标准', 1, 200) standard: string;
  @ApiProperty({ example: '第十二条第（三）项' }) @Text('criterion.item', '判定条款', 1, 100) item: string;
}

export class GradeDto {
  @ApiProperty({ enum: CHOICES.grade.values }) @OneOf(CHOICES.grade) grade: ChoiceValue<typeof CHOICES.grade>;
  @ApiProperty({ enum: CHOICES.accidentType.values }) @OneOf(CHOICES.accidentType) accidentType: ChoiceValue<typeof CHOICES.accidentType>;
  @ApiProperty({ example: '危险化学品' }) @Text('industry', '行业', 1, 100) industry: string;
  @ApiPropertyOptional({ type: CriterionDto }) @IsOptional() @ValidateNested() @Type(() => CriterionDto) criterion?: CriterionDto;
  @ApiPropertyOptional({ enum: CHOICES.generalMode.values }) @IsOptional() @OneOf(CHOICES.generalMode) generalMode?: ChoiceValue<
    typeof CHOICES.generalMode
  >;
  @ApiPropertyOptional() @OptText('cause', '原因', 1, 1000) cause?: string;
}

export class ListDto {
  @ApiProperty({ enum: CHOICES.listingLevel.values }) @OneOf(CHOICES.listingLevel) level: ChoiceValue<typeof CHOICES.listingLevel>;
  @ApiProperty({ example: '南通市通州区人民政府' }) @Text('authority', '挂牌单位', 1, 200) authority: string;
  @ApiProperty({ example: '通州区应急管理局' }) @Text('leadDepartment', '牵头部门', 1, 200) leadDepartment: string;
  @ApiPropertyOptional({ example: '2026-05-01T09:00:00+08:00' }) @Instant('publishedAt', '公布时间') publishedAt?: string;
  @ApiPropertyOptional({ example: '通安委办〔2026〕27号' }) @OptText('orderNumber', '督办文号', 1, 100) orderNumber?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt(msg('整改期限须为整数个工作日', 'deadlineWorkingDays must be an integer'))
  @Min(1, msg('整改期限至少1个工作日', 'deadlineWorkingDays must be at least 1'))
  @Max(260, msg('整改期限不超过260个工作日', 'deadlineWorkingDays must be at most 260'))
  deadlineWorkingDays?: number;
}

export class PlanDto {
  @ApiProperty() @Text('plan.goalAndTasks', '治理的目标和任务') goalAndTasks: string;
  @ApiProperty() @Text('plan.methodsAndMeasures', '采取的方法和措施') methodsAndMeasures: string;
  @ApiProperty() @Text('plan.fundsAndMaterials', '经费和物资的落实') fundsAndMaterials: string;
  @ApiProperty() @Text('plan.responsibleBodyAndPeople', '负责治理的机构和人员') responsibleBodyAndPeople: string;
  @ApiProperty() @Text('plan.timeLimitAndRequirements', '治理的时限和要求') timeLimitAndRequirements: string;
  @ApiProperty() @Text('plan.safetyMeasuresAndEmergencyPlan', '安全措施和应急预案') safetyMeasuresAndEmergencyPlan: string;
}

export class SubmitPlanDto {
  @ApiProperty({ type: PlanDto }) @ValidateNested() @Type(() => PlanDto) plan: PlanDto;
  @ApiProperty() @Text('interimMeasures', '防范措施') interimMeasures: string;
  @ApiProperty() @IsBoolean(msg('是否停产须为布尔值', 'productionStopped must be true or false')) productionStopped: boolean;
  @ApiPropertyOptional() @OptText('stopScope', '停产范围', 1, 500) stopScope?: string;
}

export class DecidePlanDto {
  @ApiProperty({ enum: CHOICES.planDecision.values }) @OneOf(CHOICES.planDecision) decision: ChoiceValue<typeof CHOICES.planDecision>;
  @ApiPropertyOptional() @OptText('reason', '理由', 1, 1000) reason?: string;
}

export class RequestExtensionDto {
  @ApiProperty({ example: 10 })
  @IsInt(msg('延期天数须为整数个工作日', 'workingDays must be an integer'))
  @Min(1, msg('延期至少1个工作日', 'workingDays must be at least 1'))
  @Max(260, msg('延期不超过260个工作日', 'workingDays must be at most 260'))
  workingDays: number;
  @ApiProperty() @Text('reason', '延期理由', 2, 1000) reason: string;
}

export class DecideExtensionDto {
  @ApiProperty({ enum: CHOICES.extensionDecision.values }) @OneOf(CHOICES.extensionDecision) decision: ChoiceValue<
    typeof CHOICES.extensionDecision
  >;
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt(msg('批准天数须为整数', 'workingDays must be an integer'))
  @Min(1, msg('批准天数至少1', 'workingDays must be at least 1'))
  workingDays?: number;
  @ApiPropertyOptional() @OptText('reason', '理由', 1, 1000) reason?: string;
}

export class AssessmentDto {
  @ApiProperty({ enum: CHOICES.assessmentBy.values }) @OneOf(CHOICES.assessmentBy) by: ChoiceValue<typeof CHOICES.assessmentBy>;
  @ApiPropertyOptional() @OptText('assessment.assessorName', '评估机构名称', 1, 200) assessorName?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'An uploaded evidence file of this hazard' })
  @IsOptional()
  @FileId('assessment.reportFileId')
  reportFileId?: string;
  @ApiProperty() @Text('assessment.conclusion', '评估结论', 1, 2000) conclusion: string;
}

export class SubmitCompletionDto {
  @ApiProperty({ type: [String] })
  @IsArray(msg('证据文件须为数组', 'evidenceFileIds must be an array'))
  @ArrayMaxSize(50, msg('最多50个证据文件', 'at most 50 evidence files'))
  @FileId('evidenceFileIds', true)
  evidenceFileIds: string[];
  @ApiPropertyOptional({ type: AssessmentDto }) @IsOptional() @ValidateNested() @Type(() => AssessmentDto) assessment?: AssessmentDto;
  @ApiPropertyOptional() @OptText('summary', '整改情况说明', 1, 2000) summary?: string;
}

export class ReviewDto {
  @ApiPropertyOptional({ enum: CHOICES.reviewLevel.values, description: 'The level being reviewed; must be the one awaited' })
  @IsOptional()
  @OneOf(CHOICES.reviewLevel)
  level?: ChoiceValue<typeof CHOICES.reviewLevel>;
  @ApiProperty({ enum: CHOICES.reviewResult.values }) @OneOf(CHOICES.reviewResult) result: ChoiceValue<typeof CHOICES.reviewResult>;
  @ApiPropertyOptional() @OptText('reason', '理由', 1, 1000) reason?: string;
  @ApiPropertyOptional() @Instant('onSiteAt', '现场核查时间') onSiteAt?: string;
}

export class WithdrawDto {
  @ApiProperty({ enum: CHOICES.withdrawKind.values }) @OneOf(CHOICES.withdrawKind) kind: ChoiceValue<typeof CHOICES.withdrawKind>;
  @ApiProperty() @Text('reason', '撤销理由', 2, 1000) reason: string;
  @ApiPropertyOptional() @OptText('duplicateOf', '重复的隐患编号', 1, 64) duplicateOf?: string;
}

export class ProductionStopDto {
  @ApiProperty({ enum: CHOICES.productionAction.values }) @OneOf(CHOICES.productionAction) action: ChoiceValue<
    typeof CHOICES.productionAction
  >;
  @ApiPropertyOptional() @OptText('scope', '停产范围', 1, 500) scope?: string;
  @ApiPropertyOptional() @OptText('reason', '理由', 1, 1000) reason?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The document it follows from (a 停产整顿建议书 of this hazard)' })
  @IsOptional()
  @IsUUID('all', msg('依据文书编号须为文书的 UUID', 'basisDocumentId must be a document id (UUID)'))
  basisDocumentId?: string;
}

export class CasualtiesDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt(msg('死亡人数须为整数', 'casualties.deaths must be an integer'))
  @Min(0, msg('死亡人数不能为负', 'casualties.deaths cannot be negative'))
  deaths?: number;
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt(msg('受伤人数须为整数', 'casualties.injuries must be an integer'))
  @Min(0, msg('受伤人数不能为负', 'casualties.injuries cannot be negative'))
  injuries?: number;
}

export class LinkAccidentDto {
  @ApiProperty() @Text('accidentId', '事故编号', 1, 64) accidentId: string;
  @ApiProperty({ example: '2026-05-01T09:00:00+08:00' }) @RequiredInstant('occurredAt', '事故发生时间') occurredAt: string;
  @ApiProperty() @Text('description', '事故经过', 2, 2000) description: string;
  @ApiPropertyOptional({ type: CasualtiesDto }) @IsOptional() @ValidateNested() @Type(() => CasualtiesDto) casualties?: CasualtiesDto;
}

export class RecordPenaltyDto {
  @ApiProperty({ example: '《安全生产法》第一百零二条' }) @Text('lawArticle', '法律条款', 2, 200) lawArticle: string;
  @ApiProperty({ example: 50000 })
  @IsNumber({ maxDecimalPlaces: 2 }, msg('罚款金额须为数字（元）', 'amountYuan must be a number (yuan)'))
  @Min(0, msg('罚款金额不能为负', 'amountYuan cannot be negative'))
  @Max(100000000, msg('罚款金额过大', 'amountYuan is too large'))
  amountYuan: number;
  @ApiPropertyOptional() @OptText('decisionNumber', '处罚决定书文号', 1, 100) decisionNumber?: string;
  @ApiPropertyOptional() @Instant('decidedAt', '处罚决定时间') decidedAt?: string;
  @ApiPropertyOptional({
    enum: ['enterprise', 'responsible_person'],
    description: "Who is fined: the enterprise (default) or its directly responsible person (the article's second range)",
  })
  @IsOptional()
  @IsIn(
    ['enterprise', 'responsible_person'],
    msg('被处罚人须为 enterprise（企业）或 responsible_person（直接责任人员）', 'subject must be enterprise or responsible_person'),
  )
  subject?: 'enterprise' | 'responsible_person';
  @ApiPropertyOptional({ description: 'The responsible person fined (required when subject is responsible_person)' })
  @OptText('subjectName', '被处罚人姓名', 1, 100)
  subjectName?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The document it follows from (a 停产整顿建议书 or 督办函 of this hazard)' })
  @IsOptional()
  @IsUUID('all', msg('依据文书编号须为文书的 UUID', 'basisDocumentId must be a document id (UUID)'))
  basisDocumentId?: string;
}
