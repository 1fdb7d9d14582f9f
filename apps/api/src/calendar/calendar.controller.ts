import { Body, Controller, Get, Param, ParseIntPipe, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiException } from '@hazards/api-contract/api-error';
import { ApiErrors } from '../common/api-docs';
import { CalendarCoverageDto, CalendarLoadResultDto, CalendarNoticeDto, CalendarYearDetailDto } from './calendar.dto';
import { CalendarService } from './calendar.service';

const yearPipe = new ParseIntPipe({
  exceptionFactory: () => new ApiException(400, 'bad_year', '年份须为四位数字。', 'The year must be four digits.', 'year'),
});
const checkYear = (year: number) => {
  if (year < 2000 || year > 2100)
    throw new ApiException(422, 'year_out_of_range', '年份须在2000–2100之间。', 'The year must be between 2000 and 2100.', 'year');
  return year;
};

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get()
  @ApiOperation({
    summary: '工作日历覆盖情况 / Working-day calendar coverage: each year official (with its notice), provisional or missing; health',
  })
  @ApiOkResponse({ type: CalendarCoverageDto })
  @ApiErrors(401)
  coverage() {
    return this.calendar.coverage();
  }

  @Get(':year')
  @ApiOperation({ summary: '某年日历 / One year: the rest days counted now (notice or estimate) and every version loaded' })
  @ApiOkResponse({ type: CalendarYearDetailDto })
  @ApiErrors(400, 401, 422)
  year(@Param('year', yearPipe) year: number) {
    return this.calendar.year(checkYear(year));
  }

  @Put(':year')
  @Roles('admin')
  @ApiOperation({
    summary:
      '载入或更正放假安排 / Load (or correct) a year’s State Council notice: validated, versioned, audited; hazards in flight are re-planned (admin)',
  })
  @ApiOkResponse({ type: CalendarLoadResultDto })
  @ApiErrors(400, 401, 403, 422)
  load(@Param('year', yearPipe) year: number, @Body() dto: CalendarNoticeDto, @CurrentUser() user: AuthUser, @Req() req: Request) {
    return this.calendar.load(checkYear(year), dto, user, req);
  }
}
