import type { Readable } from 'node:stream';
import { Controller, Get, Param, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { buildDossier } from '@hazards/archive/dossier/dossier-builder';
import { AuditService } from '../audit/audit.service';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '@hazards/access/auth-user';
import { notFound } from '@hazards/api-contract/api-error';
import { ApiErrors } from '../common/api-docs';
import { HazardQueryService } from '@hazards/hazards/hazard-query.service';
import { HazardIdPipe } from '../hazards/hazards.controller';
import { ArchiveSettings } from './archive-settings.provider';

@ApiTags('archive')
@ApiBearerAuth()
@Controller('hazards/:id/dossier')
export class DossierController {
  constructor(
    private readonly ds: DataSource,
    private readonly hazards: HazardQueryService,
    private readonly settings: ArchiveSettings,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      '下载隐患档案 / Download the hazard dossier (.zip: record, plan, timeline, evidence with SHA-256, reviews, signed manifest) — for anyone who may see the hazard',
  })
  @ApiProduces('application/zip')
  @ApiOkResponse({
    description: 'The dossier as a .zip (Content-Disposition: attachment); manifest.json lists every file with its SHA-256 and is signed',
    content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors(401, 404)
  async download(
    @CurrentUser() user: AuthUser,
    @Param('id', HazardIdPipe) id: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (!(await this.hazards.isVisible(user, id))) throw notFound();
    const dossier = await buildDossier(this.ds, this.settings.key, id, { generatedBy: { userId: user.id, username: user.username } });
    if (!dossier) throw notFound();
    // A dossier is an export of the record: it leaves an audit row like any other export.
    await this.audit.record(req, {
      eventType: 'dossier.export',
      result: 'success',
      objectType: 'hazard',
      objectId: id,
      httpStatus: 200,
      detail: {
        files: dossier.manifest.files.length,
        evidence: dossier.manifest.evidence.length,
        generatedAt: dossier.manifest.generatedAt,
      },
    });
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename="${dossier.fileName}"`);
    return new StreamableFile(dossier.stream as Readable);
  }
}
