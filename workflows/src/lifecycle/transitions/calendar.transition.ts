import { SYSTEM_ACTOR } from '@hazards/domain/hazard/actor';
import type { CalendarChange } from '@hazards/temporal/calendar-activities';
import { armed } from '../alarms';
import { applyReplan, replanBatches, replanFingerprint, shiftBatches } from '../calendar-replan';
import type { LifecycleContext } from '../context';

/** Behind this patch: histories recorded before the re-planning existed replay unchanged. */
export const CALENDAR_REPLAN_PATCH = 'calendar-replan';

/**
 * 日历变更 / the calendar changed (signal `calendarChanged`, after a holiday notice was loaded):
 * every pending deadline and timer is counted again from its anchor by the `shiftWorkingDays`
 * activity at the signalled calendar version (the calendar arithmetic stays in the activity).
 * What came out different moves, and one `deadline_recomputed` step records the old and new
 * instants with the reason, with one event for the enterprise's and the supervisor's notice;
 * nothing different, nothing recorded. Changes are handled one at a time, in the order they
 * arrive; the same change twice recounts to the same instants and records nothing.
 */
export function calendarChanged(ctx: LifecycleContext): (change: CalendarChange) => Promise<void> {
  let queue: Promise<void> = Promise.resolve();
  const replan = async (change: CalendarChange): Promise<void> => {
    if (!ctx.patched(CALENDAR_REPLAN_PATCH)) return;
    const { s, policy } = ctx;
    for (let attempt = 0; attempt < 5; attempt++) {
      const seen = replanFingerprint(s);
      const batches = replanBatches(s, policy);
      if (batches.length === 0) return;
      const results = await shiftBatches(ctx, batches, change.calendarVersion);
      if (replanFingerprint(s) !== seen) continue; // an update re-planned meanwhile: count again from the new state
      const moved = applyReplan(s, batches, results, ctx.now(), (a) => armed(s, a));
      if (moved.length === 0) return;
      const data = { calendarVersion: change.calendarVersion, year: change.year, noticeNumber: change.noticeNumber, moved };
      await ctx.record(
        'deadline_recomputed',
        SYSTEM_ACTOR,
        s.status,
        data,
        [
          {
            type: 'hazard.deadlines_recomputed',
            payload: { ...data, reason: change.reason, enterpriseId: s.enterpriseId, jurisdictionPath: s.jurisdictionPath },
          },
        ],
        change.reason,
      );
      return;
    }
  };
  return (change) => {
    // At once, not at the change's turn: an action arriving meanwhile must not count on an older copy.
    ctx.calendarSignalled(change.calendarVersion);
    return (queue = queue.then(() => replan(change)));
  };
}
