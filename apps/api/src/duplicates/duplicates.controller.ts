import { Body, Controller, Get, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiErrors } from '../common/api-docs';
import { IdempotencyInterceptor } from '../common/idempotency.interceptor';
import { HazardIdPipe } from '../hazards/hazards.controller';
import { CandidateListDto, MergeDto, MergeResultDto } from './duplicates.dto';
import { DuplicatesService } from './duplicates.service';

/** 重复隐患: candidates for the grader, and the merge of a duplicate into its original. */
@ApiTags('hazards')
@ApiBearerAuth()
@Controller('hazards/:id')
export class DuplicatesController {
  constructor(private readonly duplicates: DuplicatesService) {}

  @Get('duplicate-candidates')
  @Roles('supervisor', 'grid_inspector', 'admin')
  @ApiOperation({
    summary: '疑似重复隐患 / Candidate duplicates: same enterprise, similar description and location, within the policy window',
  })
  @ApiOkResponse({ type: CandidateListDto })
  @ApiErrors(401, 403, 404)
  candidates(@CurrentUser() user: AuthUser, @Param('id', HazardIdPipe) id: string) {
    return this.duplicates.list(user, id);
  }

  @Post('merge')
  @HttpCode(200)
  @Roles('supervisor')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried merge with the same key returns the first answer' })
  @ApiOperation({
    summary:
      '合并重复隐患 / Merge this hazard into its original: it is withdrawn as a duplicate and linked; the original records its source',
  })
  @ApiOkResponse({ type: MergeResultDto })
  @ApiErrors(400, 401, 403, 404, 409, 422, 503)
  merge(@CurrentUser() user: AuthUser, @Param('id', HazardIdPipe) id: string, @Body() dto: MergeDto) {
    return this.duplicates.merge(user, id, dto.originalId, dto.reason);
  }
}
