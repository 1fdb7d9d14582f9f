import { Module } from '@nestjs/common';
import { ArchiveAnchorService } from './archive-anchor.service';

/** Periodic anchoring of the archive's chain heads (needs TypeORM's DataSource and AppConfig in scope). */
@Module({ providers: [ArchiveAnchorService], exports: [ArchiveAnchorService] })
export class ArchiveAnchorModule {}
