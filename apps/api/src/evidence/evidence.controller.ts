import { createReadStream } from 'node:fs';
import {
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
  UploadedFiles,
  UseInterceptors,
} from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '@hazards/access/auth-user';
import { notFound } from '@hazards/api-contract/api-error';
import { ApiErrors } from '../common/api-docs';
import { EvidenceFileDto } from '../hazards/dto/hazard-responses.dto';
import { HazardIdPipe } from '../hazards/hazards.controller';
import type { EvidenceRequest } from './evidence-disk-storage';
import { EvidenceUploadCheck } from './evidence-upload.check';
import { EvidenceService, type UploadedEvidence } from './evidence.service';

/** The multipart limits (file size from EVIDENCE_MAX_BYTES, default 20 MiB) and the disk storage are set in HazardsModule's MulterModule. */
@ApiTags('evidence')
@ApiBearerAuth()
@Controller('hazards/:id/evidence')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Post()
  @Roles('enterprise', 'grid_inspector', 'supervisor')
  // The check runs first: a hazard the caller may not see, or one without room, is answered before the body is read.
  @UseInterceptors(EvidenceUploadCheck, FilesInterceptor('files', 10))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['files'], properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } } },
  })
  @ApiQuery({ name: 'purpose', required: false, enum: ['evidence', 'photo', 'plan', 'assessment'] })
  @ApiOperation({ summary: '上传证据 / Upload photos or documents (JPEG, PNG, WebP, PDF, DOCX, XLSX; ≤ 10 files, 20 MiB each)' })
  @ApiCreatedResponse({ type: [EvidenceFileDto] })
  @ApiErrors(400, 401, 403, 404, 409, 413, 415)
  upload(
    @CurrentUser() user: AuthUser,
    @Param('id', HazardIdPipe) id: string,
    @UploadedFiles() files: UploadedEvidence[],
    @Req() req: EvidenceRequest,
    @Query('purpose') purpose?: string,
  ) {
    const kind = purpose && ['evidence', 'photo', 'plan', 'assessment'].includes(purpose) ? purpose : 'evidence';
    return this.evidence.upload(user, id, files, kind, req.evidence!);
  }

  @Get(':fileId')
  @ApiOperation({ summary: '下载证据 / Download an evidence file (only for those who may see the hazard)' })
  @ApiOkResponse({
    description: 'The file as uploaded; header X-Content-SHA256 carries its SHA-256',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors(401, 404)
  async download(
    @CurrentUser() user: AuthUser,
    @Param('id', HazardIdPipe) id: string,
    @Param('fileId', new ParseUUIDPipe({ exceptionFactory: () => notFound('file') })) fileId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const f = await this.evidence.find(user, id, fileId);
    res.setHeader('Content-Type', f.contentType);
    res.setHeader('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.fileName)}`);
    res.setHeader('X-Content-SHA256', f.sha256);
    return new StreamableFile(createReadStream(f.path));
  }
}
