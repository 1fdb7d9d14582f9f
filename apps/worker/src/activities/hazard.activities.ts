import type { DataSource } from 'typeorm';
import { shiftWorkingDays } from '../../../../libs/domain/src/calendar/shift-working-days';
import { HazardStepRecorder } from '../../../../libs/persistence/src';
import type { HazardActivities } from '../../../../libs/temporal/src';

/**
 * The hazard workflow's activities, bound to their dependencies. recordStep is idempotent
 * (unique history row per step); shiftWorkingDays is pure calendar arithmetic kept out of the
 * workflow sandbox so that a calendar update never breaks replay.
 */
export function createHazardActivities(ds: DataSource): HazardActivities {
  const recorder = new HazardStepRecorder(ds);
  return {
    recordStep: (input) => recorder.record(input),
    shiftWorkingDays: async (input) => shiftWorkingDays(input),
  };
}
