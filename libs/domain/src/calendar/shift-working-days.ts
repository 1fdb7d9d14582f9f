import type { ShiftWorkingDaysInput } from '@hazards/temporal/hazard-activities';
import { cnCalendar } from './cn-calendar';
import type { WorkingDayCalendar } from './working-day-calendar';

/**
 * The `shiftWorkingDays` activity: working-day arithmetic done outside the workflow so that the
 * workflow stays deterministic even when the calendar data is updated. One call answers many
 * offsets from one instant, so a workflow computes all its timers with a single activity.
 */
export function shiftWorkingDays(input: ShiftWorkingDaysInput, calendar: WorkingDayCalendar = cnCalendar): string[] {
  return input.offsets.map((n) => calendar.addWorkingDays(input.from, n).toISOString());
}

/** Activity-shaped (async) version, for binding in a worker's `activities`. */
export async function shiftWorkingDaysActivity(input: ShiftWorkingDaysInput): Promise<string[]> {
  return shiftWorkingDays(input);
}
