import { Module } from '@nestjs/common';
import { HazardQueryService } from './hazard-query.service';

/**
 * Reading hazards in a user's reach, for the API and the CLI. Needs a TypeORM DataSource from the
 * app; takes the app's LiveCalendar when one is provided globally (the API's CalendarModule).
 */
@Module({ providers: [HazardQueryService], exports: [HazardQueryService] })
export class HazardQueryModule {}
