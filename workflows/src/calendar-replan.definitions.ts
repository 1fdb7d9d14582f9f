import { defineSignal } from '@temporalio/workflow';
import type { CalendarChange } from '@hazards/temporal/calendar-activities';

/**
 * 工作日历变更 / the calendar changed: sent to every open hazard whose deadlines or timers may
 * touch the changed dates. The hazard recomputes them with at least this calendar version, and
 * records one `deadline_recomputed` step if any moved.
 */
export const calendarChangedSignal = defineSignal<[CalendarChange]>('calendarChanged');
