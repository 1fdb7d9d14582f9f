import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { AppConfig } from '../../../../libs/config/src';
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
  imports: [
    // Evidence uploads: in memory (the type is checked from the bytes before anything is stored),
    // at most 10 files of EVIDENCE_MAX_BYTES each (over it: 413); UTF-8 file names (浏览器 sends 整改后照片.png as UTF-8).
    MulterModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        storage: memoryStorage(),
        limits: { fileSize: config.get('EVIDENCE_MAX_BYTES', { infer: true }), files: 10 },
        defParamCharset: 'utf8',
      }),
    }),
  ],
  controllers: [HazardsController, HazardActionsController, EvidenceController, WorkQueueController],
  providers: [HazardCommandsService, HazardQueryService, PolicyProvider, EvidenceService, WorkQueueService],
  exports: [HazardQueryService],
})
export class HazardsModule {}
