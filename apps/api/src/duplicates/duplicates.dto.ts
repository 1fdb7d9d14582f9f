import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { HAZARD_STATUSES } from '@hazards/domain/hazard/hazard-status';

/** POST /hazards/{id}/merge: this hazard is a duplicate of `originalId`. */
export class MergeDto {
  @ApiProperty({ format: 'uuid', description: 'The hazard this one duplicates (原隐患)' })
  @IsUUID()
  originalId: string;

  @ApiPropertyOptional({ maxLength: 500, description: '合并理由 / reason (default: duplicate of the original)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

class CandidateRecordDto {
  @ApiProperty({ enum: ['import', 'report'], description: 'Found when this hazard was registered by an import (or a report)' })
  foundOn: string;
  @ApiProperty({ type: String, nullable: true, description: 'The import that found it' }) importId: string | null;
  @ApiProperty({ format: 'date-time' }) foundAt: string;
}

export class DuplicateCandidateDto {
  @ApiProperty({ format: 'uuid' }) hazardId: string;
  @ApiProperty({ enum: HAZARD_STATUSES }) status: string;
  @ApiProperty() source: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: String, nullable: true }) location: string | null;
  @ApiProperty({ format: 'date-time' }) reportedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiProperty({ description: 'pg_trgm similarity of the descriptions (0–1), each without its own location' })
  descriptionSimilarity: number;
  @ApiProperty({ type: Number, nullable: true, description: 'pg_trgm similarity of the locations (0–1); null when either gives none' })
  locationSimilarity: number | null;
}

/** A candidate in the grader's list: found by the lookup now, recorded at import, or both. */
class ListedCandidateDto extends DuplicateCandidateDto {
  @ApiProperty({
    type: CandidateRecordDto,
    nullable: true,
    description: 'Where it was recorded (import); null when only the lookup now finds it. A recorded candidate keeps its similarity then',
  })
  recorded: CandidateRecordDto | null;
}

class DuplicateRulesDto {
  @ApiProperty() windowDays: number;
  @ApiProperty() recentlyClosedDays: number;
  @ApiProperty() minDescriptionSimilarity: number;
  @ApiProperty() minLocationSimilarity: number;
  @ApiProperty() maxCandidates: number;
}

class MergedDuplicateDto {
  @ApiProperty({ format: 'uuid' }) hazardId: string;
  @ApiProperty() source: string;
  @ApiProperty({ format: 'date-time' }) reportedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) withdrawnAt: string | null;
  @ApiProperty({ description: "The withdrawal's seq in the duplicate's history" }) seq: number;
}

export class CandidateListDto {
  @ApiProperty({ format: 'uuid' }) hazardId: string;
  @ApiProperty({ type: DuplicateRulesDto, description: "The policy's duplicates block the lookup used" }) rules: DuplicateRulesDto;
  @ApiProperty({ type: [ListedCandidateDto], description: 'Found now and recorded at import, most similar first' })
  candidates: ListedCandidateDto[];
  @ApiProperty({ type: [MergedDuplicateDto], description: 'Reports already merged into this hazard' }) merged: MergedDuplicateDto[];
}

class MergedSideDto {
  @ApiProperty({ format: 'uuid' }) hazardId: string;
  @ApiProperty({ enum: ['withdrawn'] }) status: string;
  @ApiProperty({ format: 'uuid' }) duplicateOf: string;
  @ApiProperty() seq: number;
}

class OriginalSideDto {
  @ApiProperty({ format: 'uuid' }) hazardId: string;
  @ApiProperty({ type: [String], description: 'Every source that reported it: its own, then each merged duplicate' }) sources: string[];
  @ApiProperty({ type: Number, nullable: true, description: 'The discovery.merged step (null when the original is closed)' }) seq:
    number | null;
}

export class MergeResultDto {
  @ApiProperty({ type: MergedSideDto }) duplicate: MergedSideDto;
  @ApiProperty({ type: OriginalSideDto }) original: OriginalSideDto;
}
