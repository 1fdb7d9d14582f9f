import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, AppConfigModule, LoggingModule } from '@hazards/config';
import { RedisPolicyGuard } from '@hazards/events/redis-policy.guard';
import { dataSourceOptions } from '@hazards/persistence';
import { NotifierRuntimeService } from './notifier-runtime.service';

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
  // The guard runs at module init, before the runtime starts at bootstrap: no jobs on an evicting Redis.
  providers: [RedisPolicyGuard, NotifierRuntimeService],
})
export class NotifierModule {}
