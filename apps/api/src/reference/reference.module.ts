import { Module } from '@nestjs/common';
import { ReferenceRepository } from '@hazards/persistence/reference/reference.repository';
import { ReferenceController } from './reference.controller';
import { ReferenceService } from './reference.service';

@Module({ controllers: [ReferenceController], providers: [ReferenceService, ReferenceRepository] })
export class ReferenceModule {}
