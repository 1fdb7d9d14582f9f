import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HAZARD_STATUSES } from '@hazards/domain/hazard/hazard-status';
import { HAZARD_SOURCES } from '@hazards/domain/hazard/vocabulary';
import { DuplicateCandidateDto } from '../../duplicates/duplicates.dto';

/** Response schemas of the hazard routes (OpenAPI only; the services return plain objects of this shape). */
export class ReportHazardResult {
  @ApiProperty({ format: 'uuid' }) hazardId: string;
  @ApiProperty({ enum: HAZARD_STATUSES, example: 'reported' }) status: string;
  @ApiProperty({
    type: [DuplicateCandidateDto],
    description: '疑似重复 / earlier reports of the same enterprise this one may repeat, most similar first',
  })
  duplicateCandidates: DuplicateCandidateDto[];
}

/** What every lifecycle action answers: the step it wrote and where the hazard is now. */
export class ActionResult {
  @ApiProperty({ description: 'The history step this action wrote (1, 2, 3 …)' }) seq: number;
  @ApiProperty({ enum: HAZARD_STATUSES }) status: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) currentDeadline: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) rectificationDeadline: string | null;
}

export class HazardListItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: HAZARD_STATUSES }) status: string;
  @ApiProperty({ type: String, enum: ['general', 'major'], nullable: true }) grade: string | null;
  @ApiProperty({ type: String, enum: ['township', 'county', 'city'], nullable: true }) listingLevel: string | null;
  @ApiProperty() enterpriseId: string;
  @ApiProperty({ type: String, nullable: true }) enterpriseName: string | null;
  @ApiProperty({ example: '/nantong/tongzhou/jinsha/jinsha-g1/' }) jurisdictionPath: string;
  @ApiProperty({ enum: HAZARD_SOURCES }) source: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: String, nullable: true }) industry: string | null;
  @ApiProperty({ type: String, nullable: true }) accidentType: string | null;
  @ApiProperty({ format: 'date-time' }) reportedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) currentDeadline: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) rectificationDeadline: string | null;
  @ApiProperty() escalationStage: number;
  @ApiProperty() extensionCount: number;
  @ApiProperty() rejectionCount: number;
  @ApiProperty() productionStopped: boolean;
  @ApiProperty() heavierAccountability: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiProperty() policyVersion: string;
  @ApiProperty() overdue: boolean;
  @ApiProperty() workingDaysOverdue: number;
  @ApiProperty({
    description:
      '暂定期限：当前或整改期限落在尚未载入国务院放假安排的年份（按农历估算），通知载入后会重新计算 / The current or rectification deadline falls in a year without its State Council notice: an estimate, recomputed when the notice is loaded',
  })
  deadlineProvisional: boolean;
}

export class DeadlineItemDto {
  @ApiProperty({ enum: ['planDue', 'rectification', 'extensionRequestCutoff', 'extensionDecisionDue', 'reviewDue'] }) kind: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ description: 'Counted into a year without its State Council notice (an estimate)' }) deadlineProvisional: boolean;
}

export class HazardPage {
  @ApiProperty({ type: [HazardListItemDto] }) items: HazardListItemDto[];
  @ApiProperty({ description: 'All hazards matching the filters' }) total: number;
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor:
    string | null;
}

export class TimelineEntryDto {
  @ApiProperty() seq: number;
  @ApiProperty({ example: 'plan.submitted' }) step: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() actorId: string;
  @ApiProperty({ type: String, nullable: true }) actorName: string | null;
  @ApiProperty() actorRole: string;
  @ApiProperty({ type: String, nullable: true }) fromStatus: string | null;
  @ApiProperty() toStatus: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class EvidenceFileDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({ format: 'uuid' }) hazardId?: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ example: 'image/png' }) contentType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }) sha256: string;
  @ApiProperty() uploadedBy: string;
  @ApiProperty({ format: 'date-time', description: 'Server time of the upload' }) uploadedAt: string;
  @ApiProperty({ enum: ['evidence', 'photo', 'plan', 'assessment'] }) purpose: string;
}

export class HazardDetailDto extends HazardListItemDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The workflow's record: classification, listing, plan, extensions, reviews, penalties …",
  })
  detail: Record<string, unknown>;
  @ApiProperty({ type: [DeadlineItemDto], description: 'Every deadline the record holds, each with deadlineProvisional' })
  deadlines: DeadlineItemDto[];
  @ApiProperty({ type: [TimelineEntryDto] }) timeline: TimelineEntryDto[];
  @ApiProperty({ type: [EvidenceFileDto] }) evidence: EvidenceFileDto[];
}
