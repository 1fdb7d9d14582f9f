import { ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { msg } from '@hazards/api-contract/dto-helpers';
import { ListHazardsQuery } from '@hazards/hazards/dto/list-hazards.query';

/** The board's filters: the hazard list's own (same names, same validation), plus the trend length. */
export class BoardQuery extends PickType(ListHazardsQuery, [
  'grade',
  'listingLevel',
  'jurisdictionId',
  'enterpriseId',
  'industry',
  'accidentType',
  'q',
] as const) {
  @ApiPropertyOptional({ default: 12, description: 'Weeks in the overdue trend (Asia/Shanghai weeks, Monday first)' })
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt(msg('weeks 须为整数', 'weeks must be an integer'))
  @Min(1, msg('weeks 至少为1', 'weeks must be at least 1'))
  @Max(52, msg('weeks 至多为52', 'weeks must be at most 52'))
  weeks?: number;

  @ApiPropertyOptional({ default: 50, description: 'How many overdue hazards to list (most overdue first)' })
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt(msg('overdueLimit 须为整数', 'overdueLimit must be an integer'))
  @Min(1, msg('overdueLimit 至少为1', 'overdueLimit must be at least 1'))
  @Max(200, msg('overdueLimit 至多为200', 'overdueLimit must be at most 200'))
  overdueLimit?: number;
}
