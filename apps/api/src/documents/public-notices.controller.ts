import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { jurisdictionPathOf, publishedNotices } from '@hazards/persistence/documents/hazard-documents.repository';
import { Public } from '../auth/auth.decorators';
import { ApiErrors } from '../common/api-docs';
import { noSuchJurisdiction } from '@hazards/api-contract/api-error';
import { PublicNoticePage } from './documents-responses.dto';
import { PublicNoticesQuery } from './documents.dto';

/**
 * 公示: the published 挂牌督办 and 摘牌 notices, for anyone, without an account. The only route a
 * person without an account can read (besides login, health and metrics); it shows only a notice's
 * public fields (enterprise, hazard summary, authority, department, deadline, numbers, dates).
 */
@ApiTags('public')
@Controller('public')
export class PublicNoticesController {
  constructor(private readonly ds: DataSource) {}

  @Get('notices')
  @Public()
  @Header('Cache-Control', 'public, max-age=60')
  @ApiOperation({ summary: '公示公告 / Published listing and delisting notices of a jurisdiction, newest first (no login)' })
  @ApiOkResponse({ type: PublicNoticePage })
  @ApiErrors(400, 422)
  async list(@Query() q: PublicNoticesQuery): Promise<PublicNoticePage> {
    const path = q.jurisdictionId ? await jurisdictionPathOf(this.ds, q.jurisdictionId) : null;
    if (q.jurisdictionId && !path) throw noSuchJurisdiction(q.jurisdictionId);
    const limit = q.limit ?? 50;
    const items = await publishedNotices(this.ds, { jurisdictionPath: path, before: q.before ?? null, limit });
    return { items, nextBefore: items.length === limit ? items.at(-1)!.publishedAt : null };
  }
}
