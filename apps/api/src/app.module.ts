import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, AppConfigModule, LoggingModule } from '../../../libs/config/src';
import { dataSourceOptions } from '../../../libs/persistence/src';
import { TemporalClientModule } from '../../../libs/temporal/src';
import { HealthModule } from './health/health.module';
import { RedisModule } from './redis.provider';

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
    RedisModule,
    TemporalClientModule,
    HealthModule,
  ],
})
export class ApiModule {}
