import type { DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@hazards/config';
import { dataSourceOptions } from './data-source-options';

/**
 * An app's TypeORM connection, from the validated configuration (DATABASE_URL, DATABASE_POOL_SIZE).
 * `retry` overrides how long Nest keeps trying at start (the API waits out a PostgreSQL still starting).
 */
export function databaseModule(retry?: { retryAttempts: number; retryDelay: number }): DynamicModule {
  return TypeOrmModule.forRootAsync({
    inject: [AppConfig],
    useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config.get('DATABASE_URL'), config.get('DATABASE_POOL_SIZE')), ...retry }),
  });
}
