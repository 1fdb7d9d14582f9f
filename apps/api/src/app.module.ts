import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, AppConfigModule, LoggingModule } from '../../../libs/config/src';
import { dataSourceOptions } from '../../../libs/persistence/src';
import { TemporalClientModule } from '../../../libs/temporal/src';
import { AuditInterceptor } from './audit/audit.interceptor';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { apiValidationPipe } from './common/validation.pipe';
import { HazardsModule } from './hazards/hazards.module';
import { HealthModule } from './health/health.module';
import { RedisModule } from './redis.provider';
import { ReferenceModule } from './reference/reference.module';

@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.get('DATABASE_URL'), config.get('DATABASE_POOL_SIZE')),
        retryAttempts: 10,
        retryDelay: 1000,
      }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => [{ ttl: 60_000, limit: config.get('RATE_LIMIT_PER_MINUTE') }],
    }),
    RedisModule,
    TemporalClientModule,
    AuditModule,
    AuthModule,
    HealthModule,
    HazardsModule,
    ReferenceModule,
  ],
  providers: [
    { provide: APP_GUARD, useClass: ThrottlerGuard },
    { provide: APP_PIPE, useValue: apiValidationPipe },
    { provide: APP_FILTER, useClass: ApiExceptionFilter },
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
  ],
})
export class ApiModule {}
