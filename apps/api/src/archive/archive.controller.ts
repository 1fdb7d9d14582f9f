import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { CHAINS } from '@hazards/archive/chain-definitions';
import { ChainVerifier } from '@hazards/archive/chain-verifier';
import { AuditService } from '../audit/audit.service';
import { Roles } from '../auth/auth.decorators';
import { ApiException } from '@hazards/api-contract/api-error';
import { ApiErrors } from '../common/api-docs';
import { ArchiveReportDto } from './archive-responses.dto';
import { ArchiveSettings } from './archive-settings.provider';

@ApiTags('archive')
@ApiBearerAuth()
@Controller('archive')
export class ArchiveController {
  constructor(
    private readonly ds: DataSource,
    private readonly settings: ArchiveSettings,
    private readonly audit: AuditService,
  ) {}

  @Get('verify')
  @Roles('admin')
  @ApiOperation({
    summary: '校验哈希链 / Verify the archive hash chains (history and audit log) against their seals and the anchor file (admin)',
  })
  @ApiQuery({ name: 'chain', required: false, enum: CHAINS.map((c) => c.name) })
  @ApiOkResponse({ type: ArchiveReportDto })
  @ApiErrors(400, 401, 403, 422)
  async verify(@Req() req: Request, @Query('chain') chain?: string) {
    if (chain !== undefined && !CHAINS.some((c) => c.name === chain)) {
      throw new ApiException(422, 'unknown_chain', `未知的链 ${chain}。`, `Unknown chain ${chain}.`, 'chain');
    }
    const report = await new ChainVerifier(this.ds, this.settings.key).verify({
      chains: chain ? [chain] : undefined,
      anchorFile: this.settings.anchorFile,
    });
    await this.audit.record(req, {
      eventType: 'archive.verify',
      result: 'success',
      objectType: 'archive_chain',
      objectId: chain ?? 'all',
      httpStatus: 200,
      detail: { intact: report.intact, rows: report.chains.map((c) => ({ chain: c.chain, rows: c.rows, intact: c.intact })) },
    });
    return report;
  }
}
