import { Module } from '@nestjs/common';
import { StatisticsReportModule } from '@hazards/statistics/statistics-report.module';
import { BulletinService } from './bulletin.service';

/** Bulletins (通报): the model from the statistics, rendered as .docx and Markdown by the API and the CLI. */
@Module({ imports: [StatisticsReportModule], providers: [BulletinService], exports: [BulletinService] })
export class BulletinReportModule {}
