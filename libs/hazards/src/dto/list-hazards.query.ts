import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { HAZARD_STATUSES } from '@hazards/domain/hazard/hazard-status';
import { ACCIDENT_TYPES, GRADES, HAZARD_SOURCES, LISTING_LEVELS } from '@hazards/domain/hazard/vocabulary';
import { ISO_WITH_OFFSET, msg, Trim } from '@hazards/api-contract/dto-helpers';

export const HAZARD_SORTS = ['reportedAt', 'deadline', 'overdue'] as const;

export class ListHazardsQuery {
  @ApiPropertyOptional({ enum: HAZARD_STATUSES })
  @IsOptional()
  @IsIn(HAZARD_STATUSES as unknown as string[], msg('状态无效', 'unknown status'))
  status?: string;
  @ApiPropertyOptional({ enum: GRADES })
  @IsOptional()
  @IsIn(GRADES as unknown as string[], msg('等级无效', 'unknown grade'))
  grade?: string;
  @ApiPropertyOptional({ enum: LISTING_LEVELS })
  @IsOptional()
  @IsIn(LISTING_LEVELS as unknown as string[], msg('挂牌级别无效', 'unknown listing level'))
  listingLevel?: string;
  @ApiPropertyOptional({ description: 'A jurisdiction id: its whole subtree' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 64)
  jurisdictionId?: string;
  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @Length(1, 64) enterpriseId?: string;
  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @Length(1, 100) industry?: string;
  @ApiPropertyOptional({ enum: ACCIDENT_TYPES })
  @IsOptional()
  @IsIn(ACCIDENT_TYPES as unknown as string[], msg('事故类别无效', 'unknown accident type'))
  accidentType?: string;
  @ApiPropertyOptional({ description: 'Only open hazards past their rectification deadline' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean(msg('overdue 须为 true 或 false', 'overdue must be true or false'))
  overdue?: boolean;
  @ApiPropertyOptional({
    description: '重复上报已合并 / false: each hazard once (merged duplicates left out); true: only merged duplicates',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean(msg('merged 须为 true 或 false', 'merged must be true or false'))
  merged?: boolean;
  @ApiPropertyOptional({ example: '2026-12-31T23:59:59+08:00' })
  @IsOptional()
  @Matches(ISO_WITH_OFFSET, msg('dueBefore 须为带时区的ISO 8601时间', 'dueBefore must be ISO 8601 with an offset'))
  dueBefore?: string;
  @ApiPropertyOptional({ example: '2026-01-01T00:00:00+08:00' })
  @IsOptional()
  @Matches(ISO_WITH_OFFSET, msg('dueAfter 须为带时区的ISO 8601时间', 'dueAfter must be ISO 8601 with an offset'))
  dueAfter?: string;
  @ApiPropertyOptional({ enum: HAZARD_SOURCES, description: '隐患来源 / how it was found' })
  @IsOptional()
  @IsIn(HAZARD_SOURCES as unknown as string[], msg('隐患来源无效', 'unknown source'))
  source?: string;
  @ApiPropertyOptional({ example: '2026-01-01T00:00:00+08:00', description: 'Reported at or after (statistics periods)' })
  @IsOptional()
  @Matches(ISO_WITH_OFFSET, msg('reportedFrom 须为带时区的ISO 8601时间', 'reportedFrom must be ISO 8601 with an offset'))
  reportedFrom?: string;
  @ApiPropertyOptional({ example: '2027-01-01T00:00:00+08:00', description: 'Reported before (exclusive)' })
  @IsOptional()
  @Matches(ISO_WITH_OFFSET, msg('reportedTo 须为带时区的ISO 8601时间', 'reportedTo must be ISO 8601 with an offset'))
  reportedTo?: string;
  @ApiPropertyOptional({ description: 'Text search in the description' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100, msg('搜索词长度为1–100', 'q must be 1–100 characters'))
  q?: string;
  @ApiPropertyOptional({ enum: HAZARD_SORTS, default: 'reportedAt' })
  @IsOptional()
  @IsIn(HAZARD_SORTS as unknown as string[], msg('排序字段无效', 'unknown sort'))
  sort?: (typeof HAZARD_SORTS)[number];
  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional()
  @IsIn(['asc', 'desc'], msg('排序方向须为 asc 或 desc', 'order must be asc or desc'))
  order?: 'asc' | 'desc';
  @ApiPropertyOptional({ default: 20 })
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt(msg('limit 须为整数', 'limit must be an integer'))
  @Min(1)
  @Max(200, msg('每页最多200条', 'limit must be at most 200'))
  limit?: number;
  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' }) @IsOptional() @IsString() @Length(1, 500) cursor?: string;
}
