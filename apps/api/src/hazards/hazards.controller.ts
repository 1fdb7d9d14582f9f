import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '@hazards/access/auth-user';
import { notFound } from '@hazards/api-contract/api-error';
import { ApiErrors } from '../common/api-docs';
import { IdempotencyInterceptor } from '../common/idempotency.interceptor';
import { HazardDetailDto, HazardPage, ReportHazardResult } from './dto/hazard-responses.dto';
import { ListHazardsQuery } from '@hazards/hazards/dto/list-hazards.query';
import { ReportHazardDto } from './dto/report-hazard.dto';
import { HazardCommandsService } from './hazard-commands.service';
import { HazardQueryService } from '@hazards/hazards/hazard-query.service';

/** An id that is not a UUID cannot name a hazard: answer 404 like any other unknown id. */
export const HazardIdPipe = new ParseUUIDPipe({ exceptionFactory: () => notFound() });

@ApiTags('hazards')
@ApiBearerAuth()
@Controller('hazards')
export class HazardsController {
  constructor(
    private readonly commands: HazardCommandsService,
    private readonly queries: HazardQueryService,
  ) {}

  @Post()
  @Roles('enterprise', 'grid_inspector', 'supervisor')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retried report with the same key returns the first answer and starts nothing twice',
  })
  @ApiOperation({ summary: '上报隐患 / Report a hazard (starts its lifecycle)' })
  @ApiCreatedResponse({ type: ReportHazardResult })
  @ApiErrors(400, 401, 403, 422)
  report(@CurrentUser() user: AuthUser, @Body() dto: ReportHazardDto) {
    return this.commands.report(user, dto);
  }

  @Get()
  @ApiOperation({ summary: '隐患列表 / List visible hazards with filters, sorting, cursor paging and a total count' })
  @ApiOkResponse({ type: HazardPage })
  @ApiErrors(400, 401, 422)
  list(@CurrentUser() user: AuthUser, @Query() q: ListHazardsQuery) {
    return this.queries.list(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: '隐患详情 / A hazard with its record, plan, timeline and evidence' })
  @ApiOkResponse({ type: HazardDetailDto })
  @ApiErrors(401, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', HazardIdPipe) id: string) {
    return this.queries.get(user, id);
  }
}
