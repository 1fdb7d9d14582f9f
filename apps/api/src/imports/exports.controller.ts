import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiErrorBody } from '@hazards/api-contract/api-error';
import { ListHazardsQuery } from '@hazards/hazards/dto/list-hazards.query';
import { HazardQueryService } from '@hazards/hazards/hazard-query.service';
import { exportHazards } from '@hazards/imports/hazard-export';

@ApiTags('imports')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ApiErrorBody })
@Controller('exports')
export class ExportsController {
  constructor(
    private readonly ds: DataSource,
    private readonly hazards: HazardQueryService,
  ) {}

  @Get('hazards.xlsx')
  @ApiOperation({ summary: '导出 / Any hazard list view (the GET /hazards filters and sort) as .xlsx, every matching row' })
  @ApiOkResponse({
    description: 'The hazard list (.xlsx)',
    content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } },
  })
  async hazardsXlsx(@CurrentUser() user: AuthUser, @Query() q: ListHazardsQuery, @Res({ passthrough: true }) res: Response) {
    await this.hazards.filterSql(user, q); // a bad filter answers 4xx before the file starts
    const { stream } = exportHazards(this.ds, this.hazards, user, q);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent('隐患清单.xlsx')}`);
    return new StreamableFile(stream);
  }
}
