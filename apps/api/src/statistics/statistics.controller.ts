import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { shanghaiToday } from '@hazards/domain/statistics/filing-periods';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiErrorBody } from '@hazards/api-contract/api-error';
import { DataSource } from 'typeorm';
import { FileStatisticsDto, FilingsQuery } from './filing.dto';
import { FilingService, remindMissingFilings } from './filing.service';
import { FilingDto, FilingRemindersResultDto, FilingResultDto, MissingFilingDto, StatisticsReportDto } from './statistics-responses.dto';
import { StatisticsQuery } from '@hazards/statistics/statistics.query';
import { StatisticsService } from '@hazards/statistics/statistics.service';

@ApiTags('statistics')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ApiErrorBody })
@Controller()
export class StatisticsController {
  constructor(
    private readonly stats: StatisticsService,
    private readonly filings: FilingService,
    private readonly ds: DataSource,
  ) {}

  @Get('statistics')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: '隐患统计 / Figures of a jurisdiction subtree and period (the list filters), each traceable to a list query' })
  @ApiOkResponse({ type: StatisticsReportDto })
  statistics(@CurrentUser() user: AuthUser, @Query() q: StatisticsQuery) {
    return this.stats.compute(user, q);
  }

  @Post('filings')
  @Roles('enterprise')
  @ApiOperation({ summary: '企业统计报送 / File quarterly or annual statistics, signed by the principal (主要负责人)' })
  @ApiCreatedResponse({ type: FilingResultDto })
  @ApiResponse({ status: 409, type: ApiErrorBody })
  @ApiResponse({ status: 422, type: ApiErrorBody })
  file(@CurrentUser() user: AuthUser, @Body() dto: FileStatisticsDto) {
    return this.filings.file(user, dto);
  }

  @Get('filings')
  @ApiOperation({ summary: '统计报送记录 / Filings visible to me' })
  @ApiOkResponse({ type: [FilingDto] })
  list(@CurrentUser() user: AuthUser, @Query() q: FilingsQuery) {
    return this.filings.list(user, q);
  }

  @Get('filings/missing')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: '未按期报送的企业 / Enterprises whose filing is overdue' })
  @ApiOkResponse({ type: [MissingFilingDto] })
  missing(@CurrentUser() user: AuthUser, @Query() q: FilingsQuery) {
    return this.filings.missing(user, q);
  }

  @Post('filings/reminders')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: '发送未报送提醒 / Emit one filing.missing reminder per enterprise and period (idempotent)' })
  @ApiOkResponse({ type: FilingRemindersResultDto })
  remind(@Query() q: FilingsQuery) {
    return remindMissingFilings(this.ds, q.asOf ?? shanghaiToday());
  }
}
