import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { resolve } from 'node:path';
import { AppConfig } from '@hazards/config';
import { EvidenceRepository } from '@hazards/persistence/evidence/evidence.repository';
import { ReferenceRepository } from '@hazards/persistence/reference/reference.repository';
import { WorkQueueRepository } from '@hazards/persistence/work-queue/work-queue.repository';
import { EvidenceDiskStorage } from '../evidence/evidence-disk-storage';
import { EvidenceController } from '../evidence/evidence.controller';
import { EvidenceUploadCheck } from '../evidence/evidence-upload.check';
import { EvidenceService } from '../evidence/evidence.service';
import { WorkQueueController } from '../work-queue/work-queue.controller';
import { WorkQueueService } from '../work-queue/work-queue.service';
import { HazardActionsController } from './hazard-actions.controller';
import { HazardCommandsService } from './hazard-commands.service';
import { HazardQueryModule } from '@hazards/hazards/hazard-query.module';
import { HazardsController } from './hazards.controller';
import { PolicyProvider } from './policy.provider';

@Module({
  imports: [
    HazardQueryModule,
    // Evidence uploads: streamed to disk and hashed on the way (the type is checked from the first
    // bytes before anything is kept), at most 10 files of EVIDENCE_MAX_BYTES each (over it: 413);
    // UTF-8 file names (浏览器 sends 整改后照片.png as UTF-8).
    MulterModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        storage: new EvidenceDiskStorage(resolve(config.get('EVIDENCE_DIR', { infer: true }))),
        limits: { fileSize: config.get('EVIDENCE_MAX_BYTES', { infer: true }), files: 10 },
        defParamCharset: 'utf8',
      }),
    }),
  ],
  controllers: [HazardsController, HazardActionsController, EvidenceController, WorkQueueController],
  providers: [
    HazardCommandsService,
    PolicyProvider,
    EvidenceService,
    EvidenceUploadCheck,
    WorkQueueService,
    EvidenceRepository,
    WorkQueueRepository,
    ReferenceRepository,
  ],
  exports: [HazardQueryModule, PolicyProvider, HazardCommandsService],
})
export class HazardsModule {}
