import { ApplicationFailure } from '@temporalio/common';
import { DEMO_CLOCK_REFUSED, shiftOnDemoClock } from '@hazards/domain/calendar/demo-clock';
import { shiftWorkingDays } from '@hazards/domain/calendar/shift-working-days';
import type { ShiftWorkingDaysInput } from '@hazards/temporal/hazard-activities';
import type { LiveCalendar } from './live-calendar';

/**
 * The `shiftWorkingDays` activity on the live calendar: the notices loaded into PostgreSQL
 * (cached per worker, reloaded when the version moves), the provisional estimate for the other
 * years. A re-plan passes the calendar version it was signalled with, so it never counts with an
 * older copy. A demo policy's hazards count on its demo clock instead, where demos are allowed.
 */
export function liveShiftWorkingDays(live: LiveCalendar, o: { demoClockAllowed: boolean } = { demoClockAllowed: false }) {
  return async (input: ShiftWorkingDaysInput): Promise<string[]> => {
    if (input.demoWorkingDaySeconds !== undefined) {
      if (!o.demoClockAllowed)
        throw ApplicationFailure.nonRetryable(`${DEMO_CLOCK_REFUSED.zh} / ${DEMO_CLOCK_REFUSED.en}`, 'demo_clock_refused');
      return shiftOnDemoClock(input.from, input.offsets, input.demoWorkingDaySeconds);
    }
    const { calendar } = await live.get(input.calendarVersion ?? 0);
    return shiftWorkingDays(input, calendar);
  };
}
