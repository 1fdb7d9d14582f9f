import { Module } from '@nestjs/common';
import { AppConfigModule, LoggingModule } from '@hazards/config';
import { RedisPolicyGuard } from '@hazards/events/redis-policy.guard';
import { databaseModule } from '@hazards/persistence/database.module';
import { NotifierRuntimeService } from './notifier-runtime.service';

/** BullMQ side of the system: outbox relay and consumers (reminders, escalations, notices). */
@Module({
  imports: [AppConfigModule, LoggingModule, databaseModule()],
  // The guard runs at module init, before the runtime starts at bootstrap: no jobs on an evicting Redis.
  providers: [RedisPolicyGuard, NotifierRuntimeService],
})
export class NotifierModule {}
