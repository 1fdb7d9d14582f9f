import { tmpdir } from 'node:os';
import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { diskStorage } from 'multer';
import { AppConfig } from '@hazards/config';
import { ImportsRepository } from '@hazards/persistence/imports/imports.repository';
import { HazardsModule } from '../hazards/hazards.module';
import { ExportsController } from './exports.controller';
import { HazardImportService } from './hazard-import.service';
import { ImportsController } from './imports.controller';

/** Bulk intake from .xlsx (template, streamed import with progress, error report) and .xlsx export of lists. */
@Module({
  imports: [
    HazardsModule,
    // The uploaded workbook goes to a temporary file, one file of at most IMPORT_MAX_BYTES (over it: 413).
    MulterModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        storage: diskStorage({ destination: tmpdir() }),
        limits: { fileSize: config.get('IMPORT_MAX_BYTES', { infer: true }), files: 1 },
      }),
    }),
  ],
  controllers: [ImportsController, ExportsController],
  providers: [HazardImportService, ImportsRepository],
  exports: [HazardImportService],
})
export class ImportsModule {}
