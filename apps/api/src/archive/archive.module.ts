import { Module } from '@nestjs/common';
import { HazardsModule } from '../hazards/hazards.module';
import { ArchiveController } from './archive.controller';
import { DossierController } from './dossier.controller';

/** The archive (建档备案) over HTTP: chain verification for admins, hazard dossiers for those who may see the hazard. */
@Module({
  imports: [HazardsModule],
  controllers: [ArchiveController, DossierController],
})
export class ArchiveModule {}
