import { Module } from '@nestjs/common';
import { StatisticsModule } from '../statistics/statistics.module';
import { BulletinService } from '../../../../libs/bulletins/src/bulletin.service';
import { BulletinsController } from './bulletins.controller';

/** Bulletins (通报) as .docx and Markdown. */
@Module({ imports: [StatisticsModule], controllers: [BulletinsController], providers: [BulletinService], exports: [BulletinService] })
export class BulletinsModule {}
