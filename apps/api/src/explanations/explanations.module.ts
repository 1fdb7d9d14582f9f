import { Module } from '@nestjs/common';
import { HazardsModule } from '../hazards/hazards.module';
import { ExplanationsController } from './explanations.controller';
import { ExplanationsService } from './explanations.service';

@Module({
  imports: [HazardsModule],
  controllers: [ExplanationsController],
  providers: [ExplanationsService],
})
export class ExplanationsModule {}
