import rawCalendar from './data/cn-working-calendar.json';
import { calendarDataSchema } from './calendar-data.schema';
import { createWorkingDayCalendar, type Instant } from './working-day-calendar';

/**
 * The default Chinese calendar, loaded from `data/cn-working-calendar.json` and validated at
 * load, so a wrong edit to the data file fails loudly instead of miscounting deadlines.
 */
export const cnCalendar = createWorkingDayCalendar(calendarDataSchema.parse(rawCalendar));

export const isWorkingDay = (t: Instant): boolean => cnCalendar.isWorkingDay(t);
export const addWorkingDays = (t: Instant, n: number): Date => cnCalendar.addWorkingDays(t, n);
export const workingDaysBetween = (a: Instant, b: Instant): number => cnCalendar.workingDaysBetween(a, b);
