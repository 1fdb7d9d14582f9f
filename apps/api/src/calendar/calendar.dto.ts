import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { NOTICE_LIMITS } from '@hazards/domain/calendar/calendar-notice';
import { msg, Trim } from '@hazards/api-contract/dto-helpers';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const date = (name: string) => Matches(DATE, msg(`${name} 须为 YYYY-MM-DD`, `${name} must be YYYY-MM-DD`));
const name = () =>
  Length(1, NOTICE_LIMITS.nameChars, msg(`名称长度为1–${NOTICE_LIMITS.nameChars}`, `name must be 1-${NOTICE_LIMITS.nameChars} characters`));

export class NoticeHolidayDto {
  @ApiProperty({ example: '春节 Spring Festival' }) @Trim() @IsString() @name() name: string;
  @ApiProperty({ example: '2027-02-05', description: 'First rest day (inclusive)' }) @date('from') from: string;
  @ApiProperty({ example: '2027-02-12', description: 'Last rest day (inclusive)' }) @date('to') to: string;
}

export class NoticeMakeUpDayDto {
  @ApiProperty({ example: '春节 Spring Festival' }) @Trim() @IsString() @name() name: string;
  @ApiProperty({ example: '2027-02-20', description: 'A Saturday or Sunday that is worked (调休上班)' }) @date('date') date: string;
}

/** One year's State Council notice (the year is in the path). */
export class CalendarNoticeDto {
  @ApiProperty({ example: '国办发明电〔2026〕9号', description: '文号' })
  @Trim()
  @IsString()
  @Length(1, NOTICE_LIMITS.numberChars)
  noticeNumber: string;
  @ApiProperty({ example: '2026-11-20', description: 'The day the notice was published' }) @date('noticeDate') noticeDate: string;
  @ApiPropertyOptional({ example: '国务院办公厅关于2027年部分节假日安排的通知' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, NOTICE_LIMITS.titleChars)
  title?: string;
  @ApiProperty({ type: [NoticeHolidayDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(NOTICE_LIMITS.holidays)
  @ValidateNested({ each: true })
  @Type(() => NoticeHolidayDto)
  holidays: NoticeHolidayDto[];
  @ApiProperty({ type: [NoticeMakeUpDayDto] })
  @IsArray()
  @ArrayMaxSize(NOTICE_LIMITS.makeUpWorkdays)
  @ValidateNested({ each: true })
  @Type(() => NoticeMakeUpDayDto)
  makeUpWorkdays: NoticeMakeUpDayDto[];
  @ApiPropertyOptional({
    example: '国务院办公厅更正通知',
    description: 'Why (a correction); recorded with the version and told to the hazards re-planned',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class CalendarHealthReasonDto {
  @ApiProperty({ enum: ['current_year_not_official', 'next_year_not_official'] }) code: string;
  @ApiProperty() year: number;
  @ApiProperty() message: string;
  @ApiProperty() messageEn: string;
}

export class CalendarHealthDto {
  @ApiProperty({
    description: 'True while some deadlines are provisional estimates: next year not official from 1 November, or this year not official',
  })
  degraded: boolean;
  @ApiProperty({ type: [CalendarHealthReasonDto] }) reasons: CalendarHealthReasonDto[];
}

export class CalendarYearDto {
  @ApiProperty({ example: 2027 }) year: number;
  @ApiProperty({ enum: ['official', 'provisional', 'missing'] }) status: string;
  @ApiProperty({ type: String, nullable: true, example: '国办发明电〔2025〕7号' }) noticeNumber: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2025-11-04' }) noticeDate: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Revision of the year (2 = one correction)' }) revision: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Calendar version that loaded it' }) version: number | null;
}

export class CalendarCoverageDto {
  @ApiProperty({ description: 'The current calendar version' }) version: number;
  @ApiProperty({ example: '2026-11-30', description: 'Today in Asia/Shanghai' }) today: string;
  @ApiProperty({ type: CalendarHealthDto }) health: CalendarHealthDto;
  @ApiProperty({ type: [CalendarYearDto] }) years: CalendarYearDto[];
}

export class StoredNoticeDto {
  @ApiProperty() version: number;
  @ApiProperty() revision: number;
  @ApiProperty() year: number;
  @ApiProperty() noticeNumber: string;
  @ApiProperty() noticeDate: string;
  @ApiPropertyOptional() title?: string;
  @ApiProperty({ type: [NoticeHolidayDto] }) holidays: NoticeHolidayDto[];
  @ApiProperty({ type: [NoticeMakeUpDayDto] }) makeUpWorkdays: NoticeMakeUpDayDto[];
  @ApiProperty({ type: [String], description: 'Dates whose working/rest status this load changed' }) changedDates: string[];
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty() loadedBy: string;
  @ApiProperty({ enum: ['migration', 'api', 'cli'] }) loadedVia: string;
  @ApiProperty({ format: 'date-time' }) loadedAt: string;
}

export class CalendarYearDetailDto extends CalendarYearDto {
  @ApiProperty({ type: [NoticeHolidayDto], description: 'The rest days counted now: the notice’s, or the provisional estimate' })
  holidays: NoticeHolidayDto[];
  @ApiProperty({ type: [NoticeMakeUpDayDto] }) makeUpWorkdays: NoticeMakeUpDayDto[];
  @ApiProperty({ type: [StoredNoticeDto], description: 'Every load of the year, newest first (old versions are kept)' })
  versions: StoredNoticeDto[];
}

export class CalendarLoadResultDto {
  @ApiProperty({ description: 'False when this exact notice was already the current one (nothing changed)' }) saved: boolean;
  @ApiProperty() year: number;
  @ApiProperty() version: number;
  @ApiProperty() revision: number;
  @ApiProperty({ type: Number, nullable: true }) previousVersion: number | null;
  @ApiProperty({ type: [String] }) changedDates: string[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The run re-planning the hazards in flight (Temporal workflow id), when any day changed',
  })
  replanWorkflowId: string | null;
}
