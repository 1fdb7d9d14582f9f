import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiErrorBody, notFound } from '../common/api-error';
import { ListHazardsQuery } from './dto/list-hazards.query';
import { ReportHazardDto } from './dto/report-hazard.dto';
import { HazardCommandsService } from './hazard-commands.service';
import { HazardQueryService } from './hazard-query.service';

/** An id that is not a UUID cannot name a hazard: answer 404 like any other unknown id. */
export const HazardIdPipe = new ParseUUIDPipe({ exceptionFactory: () => notFound() });

@ApiTags('hazards')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ApiErrorBody })
@Controller('hazards')
export class HazardsController {
  constructor(private readonly commands: HazardCommandsService, private readonly queries: HazardQueryService) {}

  @Post()
  @Roles('enterprise', 'grid_inspector', 'supervisor')
  @ApiOperation({ summary: '上报隐患 / Report a hazard (starts its lifecycle)' })
  @ApiCreatedResponse({ description: '{ hazardId, status }' })
  @ApiResponse({ status: 400, type: ApiErrorBody })
  @ApiResponse({ status: 422, type: ApiErrorBody })
  report(@CurrentUser() user: AuthUser, @Body() dto: ReportHazardDto) {
    return this.commands.report(user, dto);
  }

  @Get()
  @ApiOperation({ summary: '隐患列表 / List visible hazards with filters, sorting, cursor paging and a total count' })
  list(@CurrentUser() user: AuthUser, @Query() q: ListHazardsQuery) {
    return this.queries.list(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: '隐患详情 / A hazard with its record, plan, timeline and evidence' })
  @ApiResponse({ status: 404, type: ApiErrorBody })
  get(@CurrentUser() user: AuthUser, @Param('id', HazardIdPipe) id: string) {
    return this.queries.get(user, id);
  }
}
