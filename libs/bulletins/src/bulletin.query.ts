import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { msg } from '@hazards/api-contract/dto-helpers';
import { StatisticsQuery } from '@hazards/statistics/statistics.query';

export const BULLETIN_FORMATS = ['docx', 'markdown', 'json'] as const;

/** The statistics filters, plus the format and (optionally) the campaigns to report. */
export class BulletinQuery extends StatisticsQuery {
  @ApiPropertyOptional({ enum: BULLETIN_FORMATS, default: 'docx' })
  @IsOptional()
  @IsIn(BULLETIN_FORMATS as unknown as string[], msg('format 须为 docx、markdown 或 json', 'format must be docx, markdown or json'))
  format?: (typeof BULLETIN_FORMATS)[number];

  @ApiPropertyOptional({ description: 'Report this campaign (default: every campaign of the subtree overlapping the period)' })
  @IsOptional()
  @IsUUID('all', msg('campaignId 无效', 'campaignId must be a UUID'))
  campaignId?: string;
}
