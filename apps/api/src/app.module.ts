import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import type Redis from 'ioredis';
import { AppConfig, AppConfigModule, LoggingModule } from '@hazards/config';
import { databaseModule } from '@hazards/persistence/database.module';
import { TemporalClientModule } from '@hazards/temporal';
import { AccountabilityModule } from './accountability/accountability.module';
import { ArchiveModule } from './archive/archive.module';
import { ArchiveSettingsModule } from './archive/archive-settings.provider';
import { AuditInterceptor } from './audit/audit.interceptor';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BoardModule } from './board/board.module';
import { BulletinsModule } from './bulletins/bulletins.module';
import { CalendarModule } from './calendar/calendar.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { ConsoleModule } from './console/console.module';
import { DocumentsModule } from './documents/documents.module';
import { apiValidationPipe } from './common/validation.pipe';
import { DuplicatesModule } from './duplicates/duplicates.module';
import { ExplanationsModule } from './explanations/explanations.module';
import { HazardsModule } from './hazards/hazards.module';
import { HealthModule } from './health/health.module';
import { ImportsModule } from './imports/imports.module';
import { MetricsModule } from './metrics/metrics.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PolicyMigrationsModule } from './policy-migrations/policy-migrations.module';
import { QueueBoardModule } from './queue-board/queue-board.module';
import { REDIS, RedisModule } from './redis.provider';
import { ReferenceModule } from './reference/reference.module';
import { SimulationsModule } from './simulations/simulations.module';
import { StatisticsModule } from './statistics/statistics.module';
import { RedisThrottlerStorage } from './throttling/redis-throttler.storage';

@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    databaseModule({ retryAttempts: 10, retryDelay: 1000 }),
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, REDIS],
      // Counted in Redis: every API instance shares one count per client.
      useFactory: (config: AppConfig, redis: Redis) => ({
        throttlers: [{ ttl: 60_000, limit: config.get('RATE_LIMIT_PER_MINUTE') }],
        storage: new RedisThrottlerStorage(redis, config.get('QUEUE_PREFIX')),
      }),
    }),
    RedisModule,
    TemporalClientModule,
    ArchiveSettingsModule,
    AuditModule,
    AuthModule,
    CalendarModule,
    HealthModule,
    HazardsModule,
    ExplanationsModule,
    DuplicatesModule,
    DocumentsModule,
    ReferenceModule,
    NotificationsModule,
    AccountabilityModule,
    QueueBoardModule,
    ArchiveModule,
    BoardModule,
    StatisticsModule,
    CampaignsModule,
    BulletinsModule,
    ImportsModule,
    PolicyMigrationsModule,
    MetricsModule,
    SimulationsModule,
    // Last: the console's static files come after every API route.
    ConsoleModule,
  ],
  providers: [
    { provide: APP_GUARD, useClass: ThrottlerGuard },
    { provide: APP_PIPE, useValue: apiValidationPipe },
    { provide: APP_FILTER, useClass: ApiExceptionFilter },
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
  ],
})
export class ApiModule {}
