import { Module } from '@nestjs/common';
import { BulletinReportModule } from '@hazards/bulletins/bulletin-report.module';
import { BulletinsController } from './bulletins.controller';

/** Bulletins (通报) as .docx and Markdown. */
@Module({ imports: [BulletinReportModule], controllers: [BulletinsController], exports: [BulletinReportModule] })
export class BulletinsModule {}
