import { Module } from '@nestjs/common';
import { EvidenceController } from '../evidence/evidence.controller';
import { EvidenceService } from '../evidence/evidence.service';
import { WorkQueueController } from '../work-queue/work-queue.controller';
import { WorkQueueService } from '../work-queue/work-queue.service';
import { HazardActionsController } from './hazard-actions.controller';
import { HazardCommandsService } from './hazard-commands.service';
import { HazardQueryService } from './hazard-query.service';
import { HazardsController } from './hazards.controller';
import { PolicyProvider } from './policy.provider';

@Module({
  controllers: [HazardsController, HazardActionsController, EvidenceController, WorkQueueController],
  providers: [HazardCommandsService, HazardQueryService, PolicyProvider, EvidenceService, WorkQueueService],
  exports: [HazardQueryService],
})
export class HazardsModule {}
