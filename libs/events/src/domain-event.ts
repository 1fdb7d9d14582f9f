/**
 * Domain events: written to the outbox in the same transaction as the step that caused them,
 * published to BullMQ by the outbox relay with jobId = eventId. Consumers dedupe on eventId.
 */
export const DOMAIN_EVENT_TYPES = [
  'hazard.reported',
  'hazard.graded',
  'hazard.listed', // 挂牌督办, with publication
  'hazard.plan_submitted',
  'hazard.plan_decided',
  'hazard.extension_requested',
  'hazard.extension_decided',
  'hazard.completion_submitted',
  'hazard.reviewed',
  'hazard.closed', // 销号 (+ 摘牌 for listed hazards), with publication
  'hazard.withdrawn',
  'hazard.discovery_merged', // 重复隐患合并: the original records one more source that reported it
  'hazard.production_stop_changed',
  'hazard.accident_linked',
  'hazard.penalty_recorded',
  'reminder.due', // a deadline is near: reminders queue, gathered into daily digests
  'escalation.raised', // a stage of the overdue ladder, or a reviewer's missed window (一岗双责)
  'accountability.traced', // 责任倒查
  'closure.recommended', // Safety Law art 113
  'filing.missing', // an enterprise's statistics filing is overdue (hazardId: 'enterprise:<id>')
  'hazard.deadlines_recomputed', // a calendar change moved deadlines or timers: one notice listing what moved
  'document.issued', // 督办函 / 停产整顿建议 issued on demand: delivered to its addressees (issue 18)
  'notice.published', // 挂牌 / 摘牌公告 published
  'interview.scheduled', // 约谈 scheduled: the enterprise and the department are summoned
  'interview.held', // 约谈 held, with attendees and minutes
] as const;
export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number];

export interface DomainEvent<T extends Record<string, unknown> = Record<string, unknown>> {
  /** Stable across retries: `${hazardId}:${seq}:${index}`. */
  eventId: string;
  type: DomainEventType;
  hazardId: string;
  occurredAt: string;
  policyVersion: string;
  payload: T;
}

/** What a workflow step asks to publish; the activity assigns ids deterministically. */
export interface DomainEventDraft {
  type: DomainEventType;
  payload: Record<string, unknown>;
}
