import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ON_DEMAND_KINDS } from '@hazards/domain/accountability/document-kinds';
import { FileId, Instant, OptText, RequiredInstant, Text } from '../hazards/dto/hazard-actions.dto';
import { msg } from '@hazards/api-contract/dto-helpers';

/** 发督办函 / 停产整顿建议书 on demand. */
export class IssueDocumentDto {
  @ApiProperty({ enum: ON_DEMAND_KINDS })
  @IsIn(
    ON_DEMAND_KINDS as unknown as string[],
    msg(
      '文书类别须为 supervision_letter（督办函）或 stoppage_recommendation（停产整顿建议书）',
      'kind must be supervision_letter or stoppage_recommendation',
    ),
  )
  kind: (typeof ON_DEMAND_KINDS)[number];
  @ApiPropertyOptional({ description: "What the addressee must do; the template's own words when absent" })
  @OptText('requirement', '督办要求', 1, 2000)
  requirement?: string;
}

/** 公布: the notice was published on this date (default now). */
export class PublishNoticeDto {
  @ApiPropertyOptional({ example: '2026-05-01T09:00:00+08:00' }) @Instant('publishedAt', '公布时间') publishedAt?: string;
}

const InterviewIndex = () => (t: object, k: string | symbol) => {
  IsOptional()(t, k);
  IsInt(msg('约谈序号须为整数', 'interview must be an integer'))(t, k);
  Min(0, msg('约谈序号不能为负', 'interview cannot be negative'))(t, k);
  Max(100, msg('约谈序号过大', 'interview is too large'))(t, k);
};

/** 约谈安排: date, place, the enterprise's principal and the department's person responsible. */
export class ScheduleInterviewDto {
  @ApiPropertyOptional({ description: 'Which interview of the hazard (index); default the latest' }) @InterviewIndex() interview?: number;
  @ApiProperty({ example: '2026-05-08T09:30:00+08:00' }) @RequiredInstant('at', '约谈时间') at: string;
  @ApiProperty({ example: '南通市应急管理局三楼会议室' }) @Text('place', '约谈地点', 1, 200) place: string;
  @ApiProperty({ example: '企业主要负责人 张甲' }) @Text('enterprisePrincipal', '企业主要负责人', 1, 100) enterprisePrincipal: string;
  @ApiProperty({ example: '住建局 李乙' }) @Text('departmentResponsible', '部门责任人', 1, 100) departmentResponsible: string;
}

/** 约谈记录: held, with who attended and the minutes (an evidence file uploaded to the hazard). */
export class HoldInterviewDto {
  @ApiPropertyOptional({ description: 'Which interview of the hazard (index); default the latest' }) @InterviewIndex() interview?: number;
  @ApiPropertyOptional({ example: '2026-05-08T09:30:00+08:00' }) @Instant('heldAt', '约谈举行时间') heldAt?: string;
  @ApiProperty({ type: [String], example: ['张甲', '李乙'] })
  @IsArray(msg('参加人员须为数组', 'attendees must be an array'))
  @ArrayMinSize(1, msg('至少一名参加人员', 'at least one attendee'))
  @ArrayMaxSize(50, msg('最多50名参加人员', 'at most 50 attendees'))
  @IsString({ each: true, ...msg('参加人员须为字符串', 'attendees must be strings') })
  @Length(1, 100, { each: true, ...msg('每名参加人员1–100字', 'each attendee must be 1–100 characters') })
  attendees: string[];
  @ApiProperty({ format: 'uuid', description: "The minutes: a file uploaded to the hazard's evidence" })
  @FileId('minutesFileId')
  minutesFileId: string;
  @ApiPropertyOptional() @OptText('summary', '约谈纪要', 1, 2000) summary?: string;
}

/** The public page's filters: a jurisdiction (its subtree), paging by publication time. */
export class PublicNoticesQuery {
  @ApiPropertyOptional({ description: 'A jurisdiction id: its notices and those of its subtree' })
  @IsOptional()
  @IsString(msg('辖区编号须为字符串', 'jurisdictionId must be a string'))
  @Matches(/^[A-Za-z0-9_.:-]{1,64}$/, msg('辖区编号格式不正确', 'jurisdictionId is malformed'))
  jurisdictionId?: string;
  @ApiPropertyOptional({ description: 'Only notices published before this instant (the next page)' })
  @Instant('before', '公布时间之前')
  before?: string;
  @ApiPropertyOptional({ default: 50, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt(msg('条数须为整数', 'limit must be an integer'))
  @Min(1, msg('条数至少1', 'limit must be at least 1'))
  @Max(100, msg('条数不超过100', 'limit must be at most 100'))
  limit?: number;
}
