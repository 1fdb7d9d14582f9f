import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, AppConfigModule, LoggingModule } from '../../../libs/config/src';
import { RedisPolicyGuard } from '../../../libs/events/src/redis-policy.guard';
import { dataSourceOptions } from '../../../libs/persistence/src';

/** BullMQ side of the system: outbox relay and consumers (reminders, escalations, notices). */
@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => dataSourceOptions(config.get('DATABASE_URL'), config.get('DATABASE_POOL_SIZE')),
    }),
  ],
  providers: [RedisPolicyGuard],
})
export class NotifierModule {}
