import type { DomainEvent, DomainEventType } from './domain-event';

/**
 * BullMQ queues of the notifier, their job contracts and retry policies.
 *
 * Flow: outbox_events ─relay─▶ reminders | escalations | accountability (one job per domain event,
 * jobId = eventId) ─consumer─▶ notification_messages + notification_deliveries (PostgreSQL) ─▶
 * notifications (one job per message and channel, jobId = delivery key) ─channel─▶ the world.
 * Jobs that exhaust their attempts are copied to `dead-letters` (and to PostgreSQL) for admins.
 */
export const QUEUE_NAMES = {
  reminders: 'reminders',
  escalations: 'escalations',
  accountability: 'accountability',
  notifications: 'notifications',
  deadLetters: 'dead-letters',
} as const;
export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];
/** Queues with a consumer (the dead-letter queue is only read by admins). */
export const WORK_QUEUES: QueueName[] = [
  QUEUE_NAMES.reminders,
  QUEUE_NAMES.escalations,
  QUEUE_NAMES.accountability,
  QUEUE_NAMES.notifications,
];
export const ALL_QUEUES: QueueName[] = [...WORK_QUEUES, QUEUE_NAMES.deadLetters];

/**
 * Which queue a domain event goes to. Events not listed have no consumer yet: the relay marks them
 * published without a job (they stay in outbox_events for audit).
 */
export const EVENT_ROUTES: Partial<Record<DomainEventType, QueueName>> = {
  'reminder.due': QUEUE_NAMES.reminders,
  'escalation.raised': QUEUE_NAMES.escalations,
  'closure.recommended': QUEUE_NAMES.escalations,
  'hazard.withdrawn': QUEUE_NAMES.escalations, // the level above is told (issue 14.4)
  'accountability.traced': QUEUE_NAMES.accountability,
  'filing.missing': QUEUE_NAMES.reminders,
  'hazard.deadlines_recomputed': QUEUE_NAMES.escalations,
  // Issue 18: told at once to their addressees; a listing and a sign-off also reach the level above in its daily digest.
  'hazard.listed': QUEUE_NAMES.escalations,
  'hazard.closed': QUEUE_NAMES.escalations,
  'document.issued': QUEUE_NAMES.escalations,
  'interview.scheduled': QUEUE_NAMES.escalations,
};

/** Job names. */
export const JOB_NAMES = {
  event: 'domain-event',
  digestRun: 'digest.run',
  filingRemindersRun: 'filing-reminders.run',
  deliver: 'deliver',
  deadLetter: 'dead-letter',
} as const;

/** Retry policy per queue: exponential backoff `baseDelayMs · 2^(attempt-1)`. */
export interface QueueRetryPolicy {
  attempts: number;
  baseDelayMs: number;
}
/**
 * Why these numbers: event jobs only touch PostgreSQL, so a long outage is the likely cause of
 * failure and they keep trying for about an hour; a notification job talks to an outside system
 * (SMTP, a robot) and gives up after about half an hour, into the dead-letter queue for an admin.
 */
export const QUEUE_RETRY_POLICIES: Record<Exclude<QueueName, 'dead-letters'>, QueueRetryPolicy> = {
  reminders: { attempts: 12, baseDelayMs: 2000 },
  escalations: { attempts: 12, baseDelayMs: 1000 },
  accountability: { attempts: 12, baseDelayMs: 1000 },
  notifications: { attempts: 8, baseDelayMs: 2000 },
};

/** Data of a job on reminders / escalations / accountability: the domain event itself. */
export type EventJobData = DomainEvent;

/** A digest run: gathers every pending reminder per recipient into one message for that day. */
export interface DigestRunJobData {
  /** The Asia/Shanghai calendar day (YYYY-MM-DD); omitted by the daily scheduler (taken from the job's time). */
  digestDate?: string;
}

/** One message on one channel. Everything else is in PostgreSQL under the delivery key. */
export interface DeliverJobData {
  deliveryKey: string;
}

/** What the dead-letter queue keeps: the failed job, where it came from and why it failed. */
export interface DeadLetterJobData {
  queue: QueueName;
  jobId: string;
  jobName: string;
  data: unknown;
  error: string;
  attemptsMade: number;
  failedAt: string;
}

/**
 * BullMQ refuses custom ids with a ':' unless they have exactly three parts (its legacy repeat
 * format). Event ids are `${hazardId}:${seq}:${index}` (three parts) and pass as they are; any
 * other shape is made safe so the relay never fails on an id.
 */
export function jobIdFor(id: string): string {
  const parts = id.split(':');
  if (parts.length === 1 || parts.length === 3) return /^\d+$/.test(id) ? `id-${id}` : id;
  return id.replaceAll(':', '|');
}

/**
 * Imports (批量导入) have their own queue and their own process (apps/importer), apart from the
 * notifier's: a hostile workbook can then cost at most its own job, never the API or a notice.
 * One job per import, jobId = import id.
 */
export const IMPORT_QUEUE = 'imports';
export const IMPORT_JOB = 'import';

/** Whom an import registers hazards for, decided by the API when the file was uploaded. */
export interface ImportJobData {
  importId: string;
  scope: { actor: Record<string, unknown>; reachPath: string | null; enterpriseId: string | null };
}
