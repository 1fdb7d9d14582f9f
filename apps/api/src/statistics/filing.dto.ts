import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { msg, Trim } from '@hazards/api-contract/dto-helpers';

const count = (zh: string, en: string) => [
  IsInt(msg(`${zh}须为非负整数`, `${en} must be a whole number ≥ 0`)),
  Min(0, msg(`${zh}须为非负整数`, `${en} must be a whole number ≥ 0`)),
];
const apply =
  (ds: PropertyDecorator[]): PropertyDecorator =>
  (t, k) =>
    ds.forEach((d) => d(t, k));

/** 隐患排查治理情况统计 of one period: what the enterprise found and fixed. */
export class FilingFiguresDto {
  @ApiProperty({ description: '排查隐患总数' }) @apply(count('排查隐患总数', 'hazardsFound')) hazardsFound: number;
  @ApiProperty({ description: '其中重大隐患' }) @apply(count('重大隐患数', 'majorFound')) majorFound: number;
  @ApiProperty({ description: '已整改' }) @apply(count('已整改数', 'rectified')) rectified: number;
  @ApiProperty({ description: '其中重大隐患已整改' }) @apply(count('重大隐患已整改数', 'majorRectified')) majorRectified: number;
  @ApiProperty({ description: '整改资金（元）' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, msg('整改资金须为数字', 'fundsYuan must be a number'))
  @Min(0, msg('整改资金不能为负', 'fundsYuan must be ≥ 0'))
  @Max(1e12, msg('整改资金过大', 'fundsYuan is too large'))
  fundsYuan: number;
}

export class FileStatisticsDto {
  @ApiProperty({ enum: ['quarter', 'annual'] })
  @IsIn(['quarter', 'annual'], msg('periodKind 须为 quarter 或 annual', 'periodKind must be quarter or annual'))
  periodKind: 'quarter' | 'annual';
  @ApiProperty({ example: 2026 }) @IsInt(msg('年度须为整数', 'year must be an integer')) @Min(2000) @Max(2100) year: number;
  @ApiPropertyOptional({ example: 1, description: 'Required for quarterly filings' })
  @IsOptional()
  @IsInt(msg('季度须为1–4', 'quarter must be 1-4'))
  @Min(1, msg('季度须为1–4', 'quarter must be 1-4'))
  @Max(4, msg('季度须为1–4', 'quarter must be 1-4'))
  quarter?: number;
  @ApiProperty({ type: FilingFiguresDto })
  @IsDefined(msg('须填写统计数字', 'figures is required'))
  @IsObject(msg('统计数字须为对象', 'figures must be an object'))
  @ValidateNested()
  @Type(() => FilingFiguresDto)
  figures: FilingFiguresDto;
  @ApiProperty({ example: '张建国', description: '主要负责人签名（姓名）' })
  @Trim()
  @IsString(msg('须由主要负责人签名', 'signedByName is required'))
  @Length(2, 50, msg('签名姓名长度为2–50', 'signedByName must be 2-50 characters'))
  signedByName: string;
}

export class FilingsQuery {
  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @Length(1, 64) jurisdictionId?: string;
  @ApiPropertyOptional({ example: '2026-Q1' }) @IsOptional() @Trim() @IsString() @Length(6, 7) period?: string;
  @ApiPropertyOptional({ example: '2026-05-01', description: 'Missing as of this Shanghai date (default today)' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(10, 10)
  asOf?: string;
}
