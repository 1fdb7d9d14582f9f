import { shiftWorkingDays } from '@hazards/domain/calendar/shift-working-days';
import type { ShiftWorkingDaysInput } from '@hazards/temporal/hazard-activities';
import type { LiveCalendar } from './live-calendar';

/**
 * The `shiftWorkingDays` activity on the live calendar: the notices loaded into PostgreSQL
 * (cached per worker, reloaded when the version moves), the provisional estimate for the other
 * years. A re-plan passes the calendar version it was signalled with, so it never counts with an
 * older copy.
 */
export function liveShiftWorkingDays(live: LiveCalendar) {
  return async (input: ShiftWorkingDaysInput): Promise<string[]> => {
    const { calendar } = await live.get(input.calendarVersion ?? 0);
    return shiftWorkingDays(input, calendar);
  };
}
