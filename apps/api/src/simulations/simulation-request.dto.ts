import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

export class SimulationRequestDto {
  @ApiProperty({
    description: '推演策略（与生产策略同一 schema）/ The proposed policy, in the policy schema',
    type: 'object',
    additionalProperties: true,
  })
  @IsObject({ message: '策略须为 JSON 对象 / policy must be a JSON object' })
  policy: Record<string, unknown>;

  @ApiProperty({ example: 'nantong', description: '辖区（须在本人管辖范围内）/ Jurisdiction within your reach' })
  @IsString({ message: '辖区须为字符串 / jurisdictionId must be a string' })
  @MaxLength(64, { message: '辖区编号过长 / jurisdictionId is too long' })
  jurisdictionId: string;

  @ApiProperty({ example: '2026-01-01', description: '起始日期（含，北京时间）/ First day (inclusive, Asia/Shanghai)' })
  @IsString({ message: '起始日期须为 YYYY-MM-DD / from must be YYYY-MM-DD' })
  @MaxLength(40, { message: '起始日期过长 / from is too long' })
  from: string;

  @ApiProperty({ example: '2027-01-01', description: '结束日期（不含）/ End day (exclusive)' })
  @IsString({ message: '结束日期须为 YYYY-MM-DD / to must be YYYY-MM-DD' })
  @MaxLength(40, { message: '结束日期过长 / to is too long' })
  to: string;
}

export class SimulationReportQuery {
  @ApiProperty({ required: false, enum: ['json', 'markdown', 'docx'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'markdown', 'docx'], { message: '格式须为 json、markdown 或 docx / format must be json, markdown or docx' })
  format?: 'json' | 'markdown' | 'docx';
}
