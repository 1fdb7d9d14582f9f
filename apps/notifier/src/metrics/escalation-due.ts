import { addWorkingDays } from '@hazards/domain/calendar/cn-calendar';

/**
 * When an escalation (escalation.raised) fell due, from its event payload: the instant itself when
 * the workflow gives it (`dueAt`), the missed plan or review deadline, or for a stage of the
 * overdue ladder the rectification deadline plus the stage's working days (the workflow arms the
 * stage's timer at exactly that instant). Null when the payload does not say.
 */
export function escalationDueAt(payload: Record<string, unknown>): Date | null {
  const detail = (payload.detail ?? {}) as Record<string, unknown>;
  const at = (v: unknown) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(v) : null);
  if (payload.dueAt) return at(payload.dueAt);
  switch (payload.kind) {
    case 'plan_overdue':
      return at(detail.planDue);
    case 'review_window_missed':
      return at(detail.dueAt);
    case 'overdue_ladder': {
      const deadline = at(detail.rectificationDeadline);
      const days = Number(detail.afterOverdueWorkingDays);
      return deadline && Number.isInteger(days) ? addWorkingDays(deadline, days) : null;
    }
    default:
      return null;
  }
}

/** `${hazardId}:${seq}:${index}` → the history row's key (hazard ids may hold ':' themselves). */
export function historyKeyOf(eventId: string): { hazardId: string; seq: number } | null {
  const parts = eventId.split(':');
  if (parts.length < 3) return null;
  const seq = Number(parts[parts.length - 2]);
  return Number.isInteger(seq) ? { hazardId: parts.slice(0, -2).join(':'), seq } : null;
}
