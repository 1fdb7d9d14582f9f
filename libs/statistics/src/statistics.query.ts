import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { msg } from '@hazards/api-contract/dto-helpers';
import { ListHazardsQuery } from '@hazards/hazards/dto/list-hazards.query';

/**
 * The list's own filters (jurisdictionId is the subtree, reportedFrom/reportedTo the period), so
 * every figure is the total of a list query. `year` picks the listing quotas (default: the year
 * of reportedFrom, else this year). Sorting and paging fields are accepted and ignored.
 */
export class StatisticsQuery extends ListHazardsQuery {
  @ApiPropertyOptional({ example: 2026, description: 'Quota year' })
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt(msg('year 须为整数', 'year must be an integer'))
  @Min(2000)
  @Max(2100)
  year?: number;
}

/** The list filters a statistics query carries into its traces (everything but paging). */
export const TRACE_FILTER_KEYS = [
  'jurisdictionId',
  'reportedFrom',
  'reportedTo',
  'status',
  'grade',
  'listingLevel',
  'enterpriseId',
  'industry',
  'accidentType',
  'source',
  'overdue',
  'merged',
  'dueBefore',
  'dueAfter',
  'q',
] as const;
export type TraceFilters = Partial<Record<(typeof TRACE_FILTER_KEYS)[number], string | boolean>>;
