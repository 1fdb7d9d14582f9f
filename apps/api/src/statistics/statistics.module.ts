import { Module } from '@nestjs/common';
import { HazardsModule } from '../hazards/hazards.module';
import { FilingRepository } from '@hazards/persistence/filings/filing.repository';
import { FilingService } from './filing.service';
import { StatisticsController } from './statistics.controller';
import { StatisticsReportModule } from '@hazards/statistics/statistics-report.module';

/** Statistics of the read model and enterprise statistics filings. */
@Module({
  imports: [HazardsModule, StatisticsReportModule],
  controllers: [StatisticsController],
  providers: [FilingService, FilingRepository],
  exports: [StatisticsReportModule, FilingService],
})
export class StatisticsModule {}
