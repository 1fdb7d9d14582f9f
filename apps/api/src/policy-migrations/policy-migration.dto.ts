import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { MAX_BATCH_SIZE } from '@hazards/policy-migration';
import { msg, Trim } from '@hazards/api-contract/dto-helpers';

/** 策略迁移: which running hazards move to which policy version. */
export class PolicyMigrationRequestDto {
  @ApiProperty({ example: 'default-v2', description: 'The policy version to move running hazards to (a known version, newer than theirs)' })
  @Trim()
  @IsString()
  @Length(1, 64, msg('目标版本长度为1–64', 'to must be 1-64 characters'))
  to: string;
  @ApiPropertyOptional({
    example: 'default-v1',
    description: 'Move only hazards on this version (default: every known version older than `to`)',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 64)
  from?: string;
  @ApiPropertyOptional({
    example: 'county-jinsha',
    description: 'Only hazards under this jurisdiction (city, county, township or grid id)',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 64)
  jurisdiction?: string;
  @ApiPropertyOptional({ default: false, description: 'Count what would move; change and record nothing' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
  @ApiPropertyOptional({
    example: '省厅更正整改期限 / the province corrected the deadlines',
    description: 'Recorded with the run and in each hazard’s history',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 500)
  reason?: string;
  @ApiPropertyOptional({ default: 50, description: `Hazards claimed and sent per batch (1–${MAX_BATCH_SIZE})` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_BATCH_SIZE)
  batchSize?: number;
}

export class PolicyMigrationCountsDto {
  @ApiProperty({ description: 'Running hazards the run took up' }) selected: number;
  @ApiProperty() migrated: number;
  @ApiProperty({ description: 'Already on the target version (moved by an earlier attempt or run)' }) already_current: number;
  @ApiProperty({ description: 'Closed or withdrawn since they were selected' }) closed: number;
  @ApiProperty({ description: 'Refused by the hazard’s workflow (see each hazard’s result)' }) refused: number;
}

export class PolicyMigrationPreviewRowDto {
  @ApiProperty() version: string;
  @ApiProperty() status: string;
  @ApiProperty() count: number;
}

export class PolicyMigrationPreviewDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: [PolicyMigrationPreviewRowDto] }) byVersion: PolicyMigrationPreviewRowDto[];
  @ApiProperty({ type: [String], description: 'The first hazard ids, in id order' }) sample: string[];
}

export class PolicyMigrationReportDto {
  @ApiProperty({ type: String, nullable: true, description: 'Null for a dry run (nothing recorded)' }) migrationId: string | null;
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ description: 'A stopped run with the same target and selection was continued' }) resumed: boolean;
  @ApiProperty({ type: [String] }) fromVersions: string[];
  @ApiProperty() toVersion: string;
  @ApiProperty({ type: String, nullable: true }) jurisdictionId: string | null;
  @ApiPropertyOptional({ type: PolicyMigrationPreviewDto }) wouldMigrate?: PolicyMigrationPreviewDto;
  @ApiPropertyOptional({ type: PolicyMigrationCountsDto }) counts?: PolicyMigrationCountsDto;
  @ApiPropertyOptional({ enum: ['running', 'completed'] }) status?: string;
}

export class PolicyMigrationRunDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true }) fromVersion: string | null;
  @ApiProperty() toVersion: string;
  @ApiProperty({ type: String, nullable: true }) jurisdictionId: string | null;
  @ApiProperty() reason: string;
  @ApiProperty() requestedBy: string;
  @ApiProperty() requestedByName: string;
  @ApiProperty({ enum: ['api', 'cli'] }) via: string;
  @ApiProperty({ enum: ['running', 'completed'] }) status: string;
  @ApiProperty() startedAt: string;
  @ApiProperty({ type: String, nullable: true }) finishedAt: string | null;
  @ApiProperty({ type: Object }) counts: Record<string, number>;
}

export class PolicyMigrationHazardDto {
  @ApiProperty() hazardId: string;
  @ApiProperty() fromVersion: string;
  @ApiProperty({ enum: ['pending', 'migrated', 'already_current', 'closed', 'refused'] }) result: string;
  @ApiProperty({ type: Number, nullable: true, description: 'The hazard’s history step (policy_migrated)' }) seq: number | null;
  @ApiProperty({ type: Object, description: 'What moved, was added, removed or skipped; or why it was refused' }) detail: Record<
    string,
    unknown
  >;
  @ApiProperty() updatedAt: string;
}

export class PolicyMigrationDetailDto extends PolicyMigrationRunDto {
  @ApiProperty({ type: [PolicyMigrationHazardDto], description: 'Each hazard’s result, in id order (a page: `after`, `limit`)' })
  hazards: PolicyMigrationHazardDto[];
}
