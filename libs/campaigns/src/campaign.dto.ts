import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { INSPECTION_KINDS } from '@hazards/domain/statistics/inspection-kinds';
import { msg, Trim } from '@hazards/api-contract/dto-helpers';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const date = (name: string) => Matches(DATE, msg(`${name} 须为 YYYY-MM-DD`, `${name} must be YYYY-MM-DD`));

export class CreateCampaignDto {
  @ApiProperty({ example: '2026年安全生产大检查' })
  @Trim()
  @IsString()
  @Length(2, 200, msg('名称长度为2–200', 'name must be 2-200 characters'))
  name: string;
  @ApiPropertyOptional({ description: 'Default: my jurisdiction' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 64)
  jurisdictionId?: string;
  @ApiProperty({ example: '2026-04-23' }) @date('startsOn') startsOn: string;
  @ApiProperty({ example: '2026-06-30' }) @date('endsOn') endsOn: string;
}

export class CreatePlanDto {
  @ApiProperty({ example: '通州区安全生产大检查工作方案' })
  @Trim()
  @IsString()
  @Length(2, 200, msg('方案名称长度为2–200', 'title must be 2-200 characters'))
  title: string;
  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @Length(1, 64) jurisdictionId?: string;
}

export class InspectorDto {
  @ApiProperty({ example: '王检查' })
  @Trim()
  @IsString()
  @Length(1, 50, msg('检查人员姓名长度为1–50', 'inspector name must be 1-50 characters'))
  name: string;
  @ApiPropertyOptional({ example: '通州区应急管理局' }) @IsOptional() @Trim() @IsString() @Length(1, 100) organization?: string;
  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @Length(1, 64) userId?: string;
}

export class CreateGroupDto {
  @ApiProperty({ example: '第一督查组' })
  @Trim()
  @IsString()
  @Length(1, 100, msg('检查组名称长度为1–100', 'name must be 1-100 characters'))
  name: string;
  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @Length(1, 50) leaderName?: string;
  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @Length(1, 64) jurisdictionId?: string;
  @ApiProperty({ type: [InspectorDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => InspectorDto)
  inspectors: InspectorDto[];
}

export class CreateInspectionDto {
  @ApiProperty() @Trim() @IsString() @Length(1, 64) enterpriseId: string;
  @ApiProperty({ example: '2026-05-06' }) @date('inspectedOn') inspectedOn: string;
  @ApiProperty({ enum: INSPECTION_KINDS })
  @IsIn(INSPECTION_KINDS as unknown as string[], msg(`检查方式须为：${INSPECTION_KINDS.join('、')}`, 'unknown inspection kind'))
  kind: string;
  @ApiPropertyOptional({ description: 'Required unless kind is 企业自查' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 64)
  groupId?: string;
  @ApiPropertyOptional({ type: [String], description: 'Inspectors present (default: the whole group)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  inspectorIds?: string[];
  @ApiPropertyOptional({ example: '检查发现隐患3处' }) @IsOptional() @IsString() @Length(0, 4000) findings?: string;
}
