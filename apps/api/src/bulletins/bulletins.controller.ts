import { Controller, Get, HttpCode, Post, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiErrorBody } from '@hazards/api-contract/api-error';
import { ApiErrors } from '../common/api-docs';
import { BulletinIssueDto, BulletinModelDto } from './bulletin-responses.dto';
import { BulletinQuery } from '@hazards/bulletins/bulletin.query';
import { BulletinService } from '@hazards/bulletins/bulletin.service';

@ApiTags('bulletins')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ApiErrorBody })
@Controller('bulletins')
export class BulletinsController {
  constructor(private readonly bulletins: BulletinService) {}

  @Get()
  @Roles('supervisor', 'admin')
  @ApiProduces('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'text/markdown', 'application/json')
  @ApiOperation({ summary: '生成通报 / Generate the bulletin (通报) of a jurisdiction and period as .docx, Markdown or JSON' })
  @ApiExtraModels(BulletinModelDto)
  @ApiOkResponse({
    description: 'format=docx (default): the .docx file; format=markdown: the Markdown text; format=json: the bulletin model',
    content: {
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: { type: 'string', format: 'binary' } },
      'text/markdown': { schema: { type: 'string', format: 'binary' } },
      'application/json': { schema: { $ref: getSchemaPath(BulletinModelDto) } },
    },
  })
  async generate(@CurrentUser() user: AuthUser, @Query() q: BulletinQuery, @Res({ passthrough: true }) res: Response) {
    const out = await this.bulletins.render(user, q);
    if (q.format === 'json') return out.body;
    res.setHeader('Content-Type', out.contentType);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(out.fileName)}`);
    return new StreamableFile(Buffer.isBuffer(out.body) ? out.body : Buffer.from(String(out.body), 'utf8'));
  }

  @Post('issues')
  @HttpCode(201)
  @Roles('supervisor')
  @ApiOperation({
    summary:
      '印发通报 / Issue the bulletin: numbered per jurisdiction and year; carries (and records) the pending 通报批评 of the jurisdiction, each once',
  })
  @ApiCreatedResponse({ type: BulletinIssueDto })
  @ApiErrors(400, 403, 422)
  issue(@CurrentUser() user: AuthUser, @Query() q: BulletinQuery) {
    return this.bulletins.issue(user, q);
  }
}
