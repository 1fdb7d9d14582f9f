import { Body, Controller, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  decideExtensionUpdate,
  decidePlanUpdate,
  gradeUpdate,
  linkAccidentUpdate,
  listUpdate,
  recordPenaltyUpdate,
  recordProductionStopUpdate,
  requestExtensionUpdate,
  reviewUpdate,
  submitCompletionUpdate,
  submitPlanUpdate,
  withdrawUpdate,
} from '../../../../workflows/src/hazard-lifecycle.definitions';
import type { ReviewInput } from '../../../../workflows/src/hazard-lifecycle.types';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiErrors } from '../common/api-docs';
import { IdempotencyInterceptor } from '../common/idempotency.interceptor';
import {
  DecideExtensionDto,
  DecidePlanDto,
  GradeDto,
  LinkAccidentDto,
  ListDto,
  ProductionStopDto,
  RecordPenaltyDto,
  RequestExtensionDto,
  ReviewDto,
  SubmitCompletionDto,
  SubmitPlanDto,
  WithdrawDto,
} from './dto/hazard-actions.dto';
import { ActionResult } from './dto/hazard-responses.dto';
import { HazardCommandsService } from './hazard-commands.service';
import { HazardIdPipe } from './hazards.controller';

/**
 * One route per lifecycle action. Each runs as the workflow's update: the workflow's validator
 * is the authority on state and on who may act, and a refusal changes nothing.
 */
@ApiTags('hazard actions')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried request with the same key returns the first answer' })
@ApiErrors(400, 401, 403, 404, 409, 422, 503)
@UseInterceptors(IdempotencyInterceptor)
@Controller('hazards/:id')
export class HazardActionsController {
  constructor(private readonly commands: HazardCommandsService) {}

  @Post('grade')
  @HttpCode(200)
  @ApiOkResponse({ type: ActionResult })
  @Roles('supervisor', 'grid_inspector')
  @ApiOperation({ summary: '定级 / Grade: general or major (with the criterion), accident type, industry' })
  grade(@CurrentUser() u: AuthUser, @Param('id', HazardIdPipe) id: string, @Body() dto: GradeDto) {
    return this.commands.act(u, id, gradeUpdate, dto);
  }

  @Post('listing')
  @HttpCode(200)
  @ApiOkResponse({ type: ActionResult })
  @Roles('supervisor')
  @ApiOperation({ summary: '挂牌督办 / List a major hazard for supervision at a level' })
  list(@CurrentUser() u: AuthUser, @Param('id', HazardIdPipe) id: string, @Body() dto: ListDto) {
    return this.commands.act(u, id, listUpdate, dto);
  }

  @Post('plan')
  @HttpCode(200)
  @ApiOkResponse({ type: ActionResult })
  @Roles('enterprise')
  @ApiOperation({ summary: '提交治理方案 / Submit the six-part rectification plan' })
  submitPlan(@CurrentUser() u: AuthUser, @Param('id', HazardIdPipe) id: string, @Body() dto: SubmitPlanDto) {
    return this.commands.act(u, id, submitPlanUpdate, dto);
  }

  @Post('plan/decision')
  @HttpCode(200)
  @ApiOkResponse({ type: ActionResult })
  @Roles('supervisor')
  @ApiOperation({ summary: '审核治理方案 / Approve or return the plan' })
  decidePlan(@CurrentUser() u: AuthUser, @Param('id', HazardIdPipe) id: string, @Body() dto: DecidePlanDto) {
    return this.commands.act(u, id, decidePlanUpdate, dto);
  }

  @Post('extensions')
  @HttpCode(200)
  @ApiOkResponse({ type: ActionResult })
  @Roles('enterprise')
  @ApiOperation({ summary: '申请延期 / Request an extension of the rectification deadline' })
  requestExtension(@CurrentUser() u: AuthUser, @Param('id', HazardIdPipe) id: string, @Body() dto: RequestExtensionDto) {
    return this.commands.act(u, id, requestExtensionUpdate, dto);
  }

  @Post('extensions/decision')
  @HttpCode(200)
  @ApiOkResponse({ type: ActionResult })
  @Roles('supervisor')
  @ApiOperation({ summary: '审批延期 / Approve or refuse the pending extension' })
  decideExtension(@CurrentUser() u: AuthUser, @Param('id', HazardIdPipe) id: string, @Body() dto: DecideExtensionDto) {
    return this.commands.act(u, id, decideExtensionUpdate, dto);
  }

  @Post('completion')
  @HttpCode(200)
  @ApiOkResponse({ type: ActionResult })
  @Roles('enterprise')
  @ApiOperation({ summary: '整改完成申请销号 / Submit completion with evidence and assessment' })
  submitCompletion(@CurrentUser() u: AuthUser, @Param('id', HazardIdPipe) id: string, @Body() dto: SubmitCompletionDto) {
    return this.commands.act(u, id, submitCompletionUpdate, dto, {
      evidence: [
        { field: 'evidenceFileIds', ids: dto.evidenceFileIds },
        { field: 'assessment.reportFileId', ids: dto.assessment?.reportFileId ? [dto.assessment.reportFileId] : [] },
      ],
    });
  }

  @Post('reviews')
  @HttpCode(200)
  @ApiOkResponse({ type: ActionResult })
  @Roles('supervisor', 'grid_inspector', 'enterprise')
  @ApiOperation({
    summary:
      '复核 / Review at the current level (pass or reject with reason); general hazards are verified by the roles the policy names (or a safety director, where policy allows)',
  })
  review(@CurrentUser() u: AuthUser, @Param('id', HazardIdPipe) id: string, @Body() dto: ReviewDto) {
    return this.commands.act(u, id, reviewUpdate, dto as Omit<ReviewInput, 'actor'>);
  }

  @Post('withdrawal')
  @HttpCode(200)
  @ApiOkResponse({ type: ActionResult })
  @Roles('supervisor')
  @ApiOperation({ summary: '撤销 / Withdraw as a duplicate or false report, with a reason (never deleted)' })
  withdraw(@CurrentUser() u: AuthUser, @Param('id', HazardIdPipe) id: string, @Body() dto: WithdrawDto) {
    return this.commands.act(u, id, withdrawUpdate, dto);
  }

  @Post('production-stop')
  @HttpCode(200)
  @ApiOkResponse({ type: ActionResult })
  @Roles('supervisor', 'enterprise')
  @ApiOperation({ summary: '停产/复产 / Order or lift a production stop' })
  productionStop(@CurrentUser() u: AuthUser, @Param('id', HazardIdPipe) id: string, @Body() dto: ProductionStopDto) {
    return this.commands.act(u, id, recordProductionStopUpdate, dto);
  }

  @Post('accidents')
  @HttpCode(200)
  @ApiOkResponse({ type: ActionResult })
  @Roles('supervisor')
  @ApiOperation({ summary: '关联事故 / Link an accident to the hazard' })
  linkAccident(@CurrentUser() u: AuthUser, @Param('id', HazardIdPipe) id: string, @Body() dto: LinkAccidentDto) {
    return this.commands.act(u, id, linkAccidentUpdate, dto);
  }

  @Post('penalties')
  @HttpCode(200)
  @ApiOkResponse({ type: ActionResult })
  @Roles('supervisor')
  @ApiOperation({ summary: '记录处罚 / Record a penalty (law article, amount)' })
  recordPenalty(@CurrentUser() u: AuthUser, @Param('id', HazardIdPipe) id: string, @Body() dto: RecordPenaltyDto) {
    return this.commands.act(u, id, recordPenaltyUpdate, dto);
  }
}
