import { Controller, Get, Param, ParseIntPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiException } from '@hazards/api-contract/api-error';
import { ApiErrors } from '../common/api-docs';
import { HazardIdPipe } from '../hazards/hazards.controller';
import { ExplanationDto } from './explanation.dto';
import { ExplanationsService } from './explanations.service';

/** A step number that is not a number names no step: 404, like a step that cannot be explained. */
export const SeqPipe = new ParseIntPipe({
  exceptionFactory: () => new ApiException(404, 'not_explainable', '步骤序号无效。', 'The step number is not a number.', 'seq'),
});

@ApiTags('hazards')
@ApiBearerAuth()
@Controller('hazards/:id/explanations')
export class ExplanationsController {
  constructor(private readonly explanations: ExplanationsService) {}

  @Get(':seq')
  @ApiOperation({
    summary: '为什么？ / Why an escalation, reminder or deadline happened when it did: the rule, the computation, the facts',
  })
  @ApiOkResponse({ type: ExplanationDto })
  @ApiErrors(401, 404, 409)
  get(@CurrentUser() user: AuthUser, @Param('id', HazardIdPipe) id: string, @Param('seq', SeqPipe) seq: number) {
    return this.explanations.explain(user, id, seq);
  }
}
