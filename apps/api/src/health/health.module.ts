import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { CalendarHealthIndicator, RedisHealthIndicator, TemporalHealthIndicator } from './dependency-health.indicators';
import { HealthController } from './health.controller';

@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [RedisHealthIndicator, TemporalHealthIndicator, CalendarHealthIndicator],
})
export class HealthModule {}
