import { Module } from '@nestjs/common';
import { HazardQueryModule } from '@hazards/hazards/hazard-query.module';
import { StatisticsService } from './statistics.service';

/** The statistics of the read model (统计分析), for the API's endpoints and the CLI's bulletin. */
@Module({ imports: [HazardQueryModule], providers: [StatisticsService], exports: [StatisticsService] })
export class StatisticsReportModule {}
