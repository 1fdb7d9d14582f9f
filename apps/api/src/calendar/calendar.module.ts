import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LiveCalendar } from '@hazards/calendar/live-calendar';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';

/**
 * The working-day calendar (工作日历). Global: hazard queries (provisional deadlines) and health
 * read the one live calendar of the process, so a load here is seen there at once.
 */
@Global()
@Module({
  controllers: [CalendarController],
  providers: [{ provide: LiveCalendar, inject: [DataSource], useFactory: (ds: DataSource) => new LiveCalendar(ds) }, CalendarService],
  exports: [CalendarService, LiveCalendar],
})
export class CalendarModule {}
