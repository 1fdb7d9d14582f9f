import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators';
import { ApiErrors } from '../common/api-docs';
import { CalendarHealthIndicator, RedisHealthIndicator, TemporalHealthIndicator } from './dependency-health.indicators';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly temporal: TemporalHealthIndicator,
    private readonly calendar: CalendarHealthIndicator,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({
    summary:
      '依赖健康检查 / Health of PostgreSQL, Redis and Temporal (503 when any is down), and of the working-day calendar (degraded, still 200, while deadlines are estimates)',
  })
  @ApiErrors()
  check() {
    return this.health.check([
      () => this.db.pingCheck('postgres', { timeout: 3000 }),
      () => this.redis.check('redis'),
      () => this.temporal.check('temporal'),
      () => this.calendar.check('calendar'),
    ]);
  }
}
