import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { accountabilityList } from '@hazards/persistence/accountability/accountability-list.repository';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiErrors } from '../common/api-docs';
import { ApiException } from '@hazards/api-contract/api-error';
import { streamingWorkbook } from '@hazards/imports/xlsx-stream';
import { resolveScope } from '@hazards/statistics/statistics.service';
import {
  AccountabilityListDto,
  AccountabilityListQuery,
  LIST_COLUMNS,
  LIST_LIMIT,
  listRowCells,
  periodOf,
} from '@hazards/bulletins/accountability-list';

@ApiTags('accountability')
@ApiBearerAuth()
@Controller('accountability-list')
@Roles('supervisor', 'admin')
export class AccountabilityListController {
  constructor(private readonly ds: DataSource) {}

  @Get()
  @ApiOperation({
    summary:
      '责任追究清单 / The accountability list of a jurisdiction and period: letters, interviews, criticisms, stoppage recommendations, penalties, traces (JSON or .xlsx)',
  })
  @ApiProduces('application/json', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ type: AccountabilityListDto })
  @ApiErrors(400, 401, 403, 422)
  async list(@CurrentUser() user: AuthUser, @Query() q: AccountabilityListQuery, @Res({ passthrough: true }) res: Response) {
    const scope = await resolveScope(this.ds, user, q.jurisdictionId);
    const { from, to } = periodOf(q);
    if (Date.parse(to) <= Date.parse(from) || Date.parse(to) - Date.parse(from) > 3 * 366 * 86_400_000) {
      throw new ApiException(
        422,
        'bad_period',
        '截止时间须晚于起始时间，且期间不超过三年。',
        'to must be after from, and the period at most three years.',
        'to',
      );
    }
    const items = await accountabilityList(this.ds, { jurisdictionPath: scope.path, from, to, limit: LIST_LIMIT });
    if (q.format !== 'xlsx') return { jurisdiction: scope.name, from, to, items };
    const { stream, sheet } = streamingWorkbook('责任追究清单', LIST_COLUMNS);
    for (const r of items) sheet.add(listRowCells(r));
    void sheet.end();
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`责任追究清单-${scope.name}.xlsx`)}`);
    return new StreamableFile(stream);
  }
}
