import { createReadStream } from 'node:fs';
import { Controller, Get, Param, ParseUUIDPipe, Post, Query, Res, StreamableFile, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { memoryStorage } from 'multer';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiErrorBody, notFound } from '../common/api-error';
import { HazardIdPipe } from '../hazards/hazards.controller';
import { EvidenceService, type UploadedEvidence } from './evidence.service';

/** Per-file limit; EVIDENCE_MAX_BYTES (default 20 MiB) — over it the answer is 413. */
const MAX_BYTES = Number(process.env.EVIDENCE_MAX_BYTES ?? 20 * 1024 * 1024);

@ApiTags('evidence')
@ApiBearerAuth()
@Controller('hazards/:id/evidence')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Post()
  @UseInterceptors(FilesInterceptor('files', 10, { storage: memoryStorage(), limits: { fileSize: MAX_BYTES, files: 10 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } } } })
  @ApiOperation({ summary: '上传证据 / Upload photos or documents (JPEG, PNG, WebP, PDF, DOCX, XLSX; ≤ 10 files, 20 MiB each)' })
  @ApiResponse({ status: 413, type: ApiErrorBody })
  @ApiResponse({ status: 415, type: ApiErrorBody })
  upload(
    @CurrentUser() user: AuthUser,
    @Param('id', HazardIdPipe) id: string,
    @UploadedFiles() files: UploadedEvidence[],
    @Query('purpose') purpose?: string,
  ) {
    const kind = purpose && ['evidence', 'photo', 'plan', 'assessment'].includes(purpose) ? purpose : 'evidence';
    return this.evidence.upload(user, id, files, kind);
  }

  @Get(':fileId')
  @ApiOperation({ summary: '下载证据 / Download an evidence file (only for those who may see the hazard)' })
  @ApiResponse({ status: 404, type: ApiErrorBody })
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
