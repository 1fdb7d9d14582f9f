import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiErrorBody } from '@hazards/api-contract/api-error';
import { SimulationReportQuery, SimulationRequestDto } from './simulation-request.dto';
import { SimulationRunDto } from './simulation-run.dto';
import { runView, SimulationsService } from './simulations.service';

@ApiTags('simulations')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ApiErrorBody })
@ApiResponse({ status: 403, type: ApiErrorBody })
@Controller('simulations')
export class SimulationsController {
  constructor(private readonly simulations: SimulationsService) {}

  @Post()
  @HttpCode(202)
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: '政策推演 / Replay a period of your subtree under a proposed policy (a job; poll GET /simulations/{id})' })
  @ApiAcceptedResponse({ description: 'The run, queued', type: SimulationRunDto })
  @ApiResponse({ status: 422, type: ApiErrorBody, description: 'Invalid policy, period or jurisdiction; too many hazards' })
  @ApiResponse({ status: 413, type: ApiErrorBody, description: 'Policy too large' })
  create(@CurrentUser() user: AuthUser, @Body() body: SimulationRequestDto) {
    return this.simulations.create(user, body);
  }

  @Get(':id')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: '推演进度与结果 / A run: status, progress, and the report once finished' })
  @ApiOkResponse({ description: 'The run', type: SimulationRunDto })
  @ApiResponse({ status: 404, type: ApiErrorBody })
  async get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return runView(await this.simulations.get(user, id));
  }

  @Get(':id/report')
  @Roles('supervisor', 'admin')
  @ApiProduces('application/json', 'text/markdown', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  @ApiOperation({ summary: '推演报告 / The report as JSON, Markdown (charts inline as SVG) or .docx' })
  @ApiOkResponse({
    description: 'format=json (default): the report; markdown: Markdown with the charts inline; docx: the Word file',
    content: {
      'application/json': { schema: { type: 'object', additionalProperties: true } },
      'text/markdown': { schema: { type: 'string', format: 'binary' } },
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiResponse({ status: 404, type: ApiErrorBody })
  @ApiResponse({ status: 409, type: ApiErrorBody, description: 'Not finished yet' })
  async report(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Query() q: SimulationReportQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    const out = await this.simulations.report(user, id, q.format ?? 'json');
    if (!Buffer.isBuffer(out.body)) return out.body;
    res.setHeader('Content-Type', out.contentType);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(out.fileName)}`);
    return new StreamableFile(out.body);
  }
}
