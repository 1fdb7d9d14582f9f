import { Module } from '@nestjs/common';
import { HazardsModule } from '../hazards/hazards.module';
import { FilingService } from './filing.service';
import { StatisticsController } from './statistics.controller';
import { StatisticsService } from '../../../../libs/statistics/src/statistics.service';

/** Statistics of the read model and enterprise statistics filings. */
@Module({
  imports: [HazardsModule],
  controllers: [StatisticsController],
  providers: [StatisticsService, FilingService],
  exports: [StatisticsService, FilingService],
})
export class StatisticsModule {}
