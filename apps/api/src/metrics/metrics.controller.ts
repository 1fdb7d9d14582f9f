import { Controller, Get, Header, Headers, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AppConfig } from '@hazards/config';
import { metricsAccess } from '@hazards/metrics';
import { Public, Roles } from '../auth/auth.decorators';
import { ApiErrors } from '../common/api-docs';
import { ApiException } from '@hazards/api-contract/api-error';
import { ApiMetricsService } from './api-metrics.service';
import { RuntimeStatusDto } from './runtime-status.dto';
import { RuntimeStatusService } from './runtime-status.service';

@ApiTags('metrics')
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: ApiMetricsService,
    private readonly runtime: RuntimeStatusService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** For Prometheus: no login, but METRICS_TOKEN (see libs/metrics/src/metrics-access.ts). */
  @Get('metrics')
  @Public()
  @Header('Cache-Control', 'no-store')
  // Prometheus's text exposition format (prom-client's Registry.contentType); a returned string would go out as text/html.
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOperation({ summary: 'Prometheus 指标 / Prometheus metrics (Authorization: Bearer METRICS_TOKEN when set)' })
  @ApiOkResponse({ description: 'Prometheus text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiErrors(401, 403)
  async scrape(@Headers('authorization') authorization?: string): Promise<string> {
    const access = metricsAccess(authorization, this.config.get('METRICS_TOKEN'), this.config.get('NODE_ENV'));
    if (access === 'unauthorized')
      throw new ApiException(401, 'metrics_token_required', '需要指标令牌。', 'A bearer METRICS_TOKEN is required.');
    if (access === 'not_configured')
      throw new ApiException(
        403,
        'metrics_not_configured',
        '未配置 METRICS_TOKEN，指标不对外开放。',
        'Set METRICS_TOKEN to allow scraping.',
      );
    return this.metrics.registry.metrics();
  }

  @Get('admin/runtime-status')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: '运行状态 / Runtime figures for the console: hazards, queues, escalation lateness, sends, latency' })
  @ApiOkResponse({ type: RuntimeStatusDto })
  @ApiErrors(401, 403)
  runtimeStatus(): Promise<RuntimeStatusDto> {
    return this.runtime.status();
  }
}
