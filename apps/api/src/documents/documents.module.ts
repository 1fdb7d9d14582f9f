import { Module } from '@nestjs/common';
import { HazardsModule } from '../hazards/hazards.module';
import { HazardDocumentsController } from './hazard-documents.controller';
import { PublicNoticesController } from './public-notices.controller';

/** 问责文书 (issue 18): a hazard's documents, notices and interviews, and the public notice page. */
@Module({ imports: [HazardsModule], controllers: [HazardDocumentsController, PublicNoticesController] })
export class DocumentsModule {}
