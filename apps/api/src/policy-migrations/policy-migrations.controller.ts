import { Body, Controller, DefaultValuePipe, Get, HttpCode, Param, ParseIntPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiErrors } from '../common/api-docs';
import { ApiException } from '@hazards/api-contract/api-error';
import {
  PolicyMigrationDetailDto,
  PolicyMigrationReportDto,
  PolicyMigrationRequestDto,
  PolicyMigrationRunDto,
} from './policy-migration.dto';
import { PolicyMigrationsService } from './policy-migrations.service';

const MAX_PAGE = 500;
const pageLimit = new ParseIntPipe({
  exceptionFactory: () => new ApiException(400, 'bad_limit', 'limit 须为整数。', 'limit must be a whole number.', 'limit'),
});
const bounded = (n: number) => {
  if (n < 1 || n > MAX_PAGE)
    throw new ApiException(422, 'limit_out_of_range', `limit 须在1–${MAX_PAGE}之间。`, `limit must be from 1 to ${MAX_PAGE}.`, 'limit');
  return n;
};

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/policy-migrations')
@Roles('admin')
export class PolicyMigrationsController {
  constructor(private readonly migrations: PolicyMigrationsService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: '策略迁移 / Move running hazards to a newer policy version: batched, resumable, audited (admin); dryRun counts only',
  })
  @ApiOkResponse({ type: PolicyMigrationReportDto })
  @ApiErrors(400, 401, 403, 422)
  run(@Body() dto: PolicyMigrationRequestDto, @CurrentUser() user: AuthUser, @Req() req: Request) {
    return this.migrations.run(dto, user, req);
  }

  @Get()
  @ApiOperation({ summary: '策略迁移记录 / The migration runs, newest first (admin)' })
  @ApiOkResponse({ type: [PolicyMigrationRunDto] })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiErrors(400, 401, 403, 422)
  list(@Query('limit', new DefaultValuePipe(50), pageLimit) limit: number) {
    return this.migrations.list(bounded(limit));
  }

  @Get(':id')
  @ApiOperation({ summary: '一次策略迁移 / One run: who, when, from/to, counts, and each hazard’s result (a page) (admin)' })
  @ApiOkResponse({ type: PolicyMigrationDetailDto })
  @ApiQuery({ name: 'after', required: false, description: 'Hazard id the page starts after' })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiErrors(400, 401, 403, 404, 422)
  get(
    @Param('id') id: string,
    @Query('after', new DefaultValuePipe('')) after: string,
    @Query('limit', new DefaultValuePipe(100), pageLimit) limit: number,
  ) {
    return this.migrations.get(id, String(after).slice(0, 128), bounded(limit));
  }
}
