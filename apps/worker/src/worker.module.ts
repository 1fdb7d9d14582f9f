import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, AppConfigModule, LoggingModule } from '@hazards/config';
import { dataSourceOptions } from '@hazards/persistence';
import { ArchiveAnchorModule } from './archive/archive-anchor.module';
import { RedisPolicyGuard } from '@hazards/events/redis-policy.guard';
import { WorkerMetricsService } from './metrics/worker-metrics.service';
import { TemporalWorkerService } from './temporal-worker.service';

@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    ArchiveAnchorModule,
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => dataSourceOptions(config.get('DATABASE_URL'), config.get('DATABASE_POOL_SIZE')),
    }),
  ],
  providers: [RedisPolicyGuard, TemporalWorkerService, WorkerMetricsService],
})
export class WorkerModule {}
