import { applyDecorators, Body, Controller, Get, HttpCode, Param, Post, Res, StreamableFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { hazardDocumentFile, hazardDocuments } from '@hazards/persistence/documents/hazard-documents.repository';
import {
  holdInterviewUpdate,
  issueLetterUpdate,
  publishNoticeUpdate,
  scheduleInterviewUpdate,
} from '../../../../workflows/src/hazard-lifecycle.definitions';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiErrors } from '../common/api-docs';
import { notFound } from '@hazards/api-contract/api-error';
import { IdempotencyInterceptor } from '../common/idempotency.interceptor';
import { ActionResult } from '../hazards/dto/hazard-responses.dto';
import { HazardCommandsService } from '../hazards/hazard-commands.service';
import { HazardQueryService } from '@hazards/hazards/hazard-query.service';
import { HazardIdPipe } from '../hazards/hazards.controller';
import { HazardDocumentDto } from './documents-responses.dto';
import { HoldInterviewDto, IssueDocumentDto, PublishNoticeDto, ScheduleInterviewDto } from './documents.dto';

/** A supervisor's action on the hazard: a workflow update answering its ActionResult, retried safely by Idempotency-Key. */
const SupervisorAction = () =>
  applyDecorators(
    HttpCode(200),
    ApiOkResponse({ type: ActionResult }),
    Roles('supervisor'),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({ name: 'Idempotency-Key', required: false }),
    ApiErrors(400, 401, 403, 404, 409, 422, 503),
  );

/**
 * 问责文书 of a hazard (issue 18): read and downloaded by whoever may see the hazard; issued on
 * demand, published, and interviews scheduled and held as the workflow's updates (its validators
 * decide who may and when, and a refusal changes nothing).
 */
@ApiTags('accountability documents')
@ApiBearerAuth()
@Controller('hazards/:id')
export class HazardDocumentsController {
  constructor(
    private readonly ds: DataSource,
    private readonly hazards: HazardQueryService,
    private readonly commands: HazardCommandsService,
  ) {}

  @Get('documents')
  @ApiOkResponse({ type: [HazardDocumentDto] })
  @ApiErrors(401, 404)
  @ApiOperation({ summary: "隐患文书 / The hazard's documents (督办函, 停产整顿建议书, 公告, 处罚决定书), in the order issued" })
  async list(@CurrentUser() u: AuthUser, @Param('id', HazardIdPipe) id: string) {
    if (!(await this.hazards.isVisible(u, id))) throw notFound();
    return hazardDocuments(this.ds, id);
  }

  @Get('documents/:documentId/file')
  @ApiErrors(401, 404)
  @ApiOperation({ summary: '下载文书 / Download a document (.docx); X-Content-SHA256 is the seal recorded in the history' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  @ApiOkResponse({
    content: {
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: { type: 'string', format: 'binary' } },
    },
  })
  async file(
    @CurrentUser() u: AuthUser,
    @Param('id', HazardIdPipe) id: string,
    @Param('documentId') documentId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (!(await this.hazards.isVisible(u, id))) throw notFound();
    const f = await hazardDocumentFile(this.ds, id, documentId);
    if (!f) throw notFound('document');
    res.setHeader('Content-Type', f.contentType);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`);
    res.setHeader('X-Content-SHA256', f.sha256);
    return new StreamableFile(f.content);
  }

  @Post('documents')
  @SupervisorAction()
  @ApiOperation({
    summary: '发文 / Issue a 督办函 or 停产整顿建议书 on demand (listing level or above); numbered, sealed in the history, delivered',
  })
  issue(@CurrentUser() u: AuthUser, @Param('id', HazardIdPipe) id: string, @Body() dto: IssueDocumentDto) {
    return this.commands.act(u, id, issueLetterUpdate, dto);
  }

  @Post('documents/:documentId/publication')
  @SupervisorAction()
  @ApiOperation({ summary: '公布公告 / Publish a 挂牌 or 摘牌公告 (with its date); the public page shows it from then on' })
  publish(
    @CurrentUser() u: AuthUser,
    @Param('id', HazardIdPipe) id: string,
    @Param('documentId') documentId: string,
    @Body() dto: PublishNoticeDto,
  ) {
    return this.commands.act(u, id, publishNoticeUpdate, { ...dto, documentId: documentId.slice(0, 64) });
  }

  @Post('interviews/schedule')
  @SupervisorAction()
  @ApiOperation({
    summary:
      "安排约谈 / Schedule the interview the ladder ordered: date, place, the enterprise's principal, the department's person responsible",
  })
  schedule(@CurrentUser() u: AuthUser, @Param('id', HazardIdPipe) id: string, @Body() dto: ScheduleInterviewDto) {
    return this.commands.act(u, id, scheduleInterviewUpdate, dto);
  }

  @Post('interviews/record')
  @SupervisorAction()
  @ApiOperation({ summary: '约谈记录 / Record the interview as held: attendees and the minutes (a file uploaded to the hazard)' })
  hold(@CurrentUser() u: AuthUser, @Param('id', HazardIdPipe) id: string, @Body() dto: HoldInterviewDto) {
    return this.commands.act(u, id, holdInterviewUpdate, dto, { evidence: [{ field: 'minutesFileId', ids: [dto.minutesFileId] }] });
  }
}
