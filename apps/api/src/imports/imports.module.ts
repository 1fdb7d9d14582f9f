import { Module } from '@nestjs/common';
import { HazardsModule } from '../hazards/hazards.module';
import { ExportsController } from './exports.controller';
import { HazardImportService } from './hazard-import.service';
import { ImportsController } from './imports.controller';

/** Bulk intake from .xlsx (template, streamed import with progress, error report) and .xlsx export of lists. */
@Module({
  imports: [HazardsModule],
  controllers: [ImportsController, ExportsController],
  providers: [HazardImportService],
  exports: [HazardImportService],
})
export class ImportsModule {}
