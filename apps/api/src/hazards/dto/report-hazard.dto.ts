import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { HAZARD_SOURCES, type HazardSource } from '@hazards/domain/hazard/vocabulary';
import { msg, Trim } from '@hazards/api-contract/dto-helpers';

export class ReportHazardDto {
  @ApiProperty({ example: 'ent-jinsha-chem' })
  @Trim()
  @IsString(msg('企业编号必须是字符串', 'enterpriseId must be a string'))
  @Length(1, 64, msg('企业编号长度为1–64', 'enterpriseId must be 1–64 characters'))
  enterpriseId: string;

  @ApiProperty({ enum: HAZARD_SOURCES, example: '企业自查' })
  @IsIn(
    HAZARD_SOURCES as unknown as string[],
    msg(`来源必须是：${HAZARD_SOURCES.join('、')}`, `source must be one of ${HAZARD_SOURCES.join(', ')}`),
  )
  source: HazardSource;

  @ApiProperty({ example: '储罐区可燃气体报警器失效' })
  @Trim()
  @IsString(msg('隐患描述必须是字符串', 'description must be a string'))
  @Length(4, 2000, msg('隐患描述长度为4–2000字', 'description must be 4–2000 characters'))
  description: string;

  @ApiPropertyOptional({ example: '2号储罐区' })
  @IsOptional()
  @Trim()
  @IsString(msg('位置必须是字符串', 'location must be a string'))
  @Length(1, 200, msg('位置长度为1–200', 'location must be 1–200 characters'))
  location?: string;

  @ApiPropertyOptional({ type: [String], description: 'Evidence file ids uploaded before reporting' })
  @IsOptional()
  @IsArray(msg('照片必须是数组', 'photos must be an array'))
  @ArrayMaxSize(20, msg('最多20张照片', 'at most 20 photos'))
  @IsString({ each: true, ...msg('照片编号必须是字符串', 'photo ids must be strings') })
  photos?: string[];
}
