import { shiftWorkingDaysActivity } from '@hazards/domain/calendar/shift-working-days';

/**
 * The calendar activity, slowed by `ms`: a scenario's action surely arrives while a deadline is
 * still being counted by it (the report's grading window, a completion's review window).
 */
export function slowCalendar(ms: number) {
  return {
    shiftWorkingDays: async (input: Parameters<typeof shiftWorkingDaysActivity>[0]) => {
      await new Promise((r) => setTimeout(r, ms));
      return shiftWorkingDaysActivity(input);
    },
  };
}
