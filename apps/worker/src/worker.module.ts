import { Module } from '@nestjs/common';
import { AppConfigModule, LoggingModule } from '@hazards/config';
import { databaseModule } from '@hazards/persistence/database.module';
import { ArchiveAnchorModule } from './archive/archive-anchor.module';
import { RedisPolicyGuard } from '@hazards/events/redis-policy.guard';
import { WorkerMetricsService } from './metrics/worker-metrics.service';
import { TemporalWorkerService } from './temporal-worker.service';

@Module({
  imports: [AppConfigModule, LoggingModule, ArchiveAnchorModule, databaseModule()],
  providers: [RedisPolicyGuard, TemporalWorkerService, WorkerMetricsService],
})
export class WorkerModule {}
