import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The channels a message can go out on. */
export const CHANNELS = ['inbox', 'email', 'dingtalk', 'wecom', 'webhook'] as const;
export type ChannelName = (typeof CHANNELS)[number];

/**
 * Which channels a user, an enterprise, a department or a whole jurisdiction receives, and where
 * to: `target` holds `{ url, secret }` for robots and webhooks, `{ address }` to override e-mail.
 * The nearest scope wins: the recipient's own row, then its jurisdiction and each one above.
 */
@Entity({ name: 'channel_preferences' })
export class ChannelPreferenceEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'text' }) scope: 'user' | 'enterprise' | 'department' | 'jurisdiction';
  @Column({ name: 'scope_id', type: 'text' }) scopeId: string;
  @Column({ type: 'text' }) channel: ChannelName;
  @Column({ type: 'boolean', default: true }) enabled: boolean;
  @Column({ type: 'jsonb', default: () => "'{}'" }) target: Record<string, unknown>;
}

/** A domain event a consumer has already turned into messages (consumer-side dedupe on eventId). */
@Entity({ name: 'notification_event_receipts' })
export class NotificationEventReceiptEntity {
  @Column({ name: 'event_id', type: 'text', primary: true }) eventId: string;
  @Column({ type: 'text' }) queue: string;
  @Column({ type: 'text' }) type: string;
  @Column({ name: 'hazard_id', type: 'text' }) hazardId: string;
  @Column({ name: 'processed_at', type: 'timestamptz' }) processedAt: Date;
}

/** One message for one recipient (zh-CN first, English after), before it is split per channel. */
@Entity({ name: 'notification_messages' })
export class NotificationMessageEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'message_key', type: 'text', unique: true }) messageKey: string;
  @Column({ type: 'text' }) kind: 'reminder_digest' | 'escalation' | 'accountability' | 'closure' | 'deadline_change';
  @Column({ name: 'recipient_key', type: 'text' }) recipientKey: string;
  @Column({ type: 'jsonb' }) recipient: Record<string, unknown>;
  @Column({ name: 'user_id', type: 'text', nullable: true }) userId: string | null;
  @Column({ name: 'hazard_id', type: 'text', nullable: true }) hazardId: string | null;
  @Column({ name: 'event_id', type: 'text', nullable: true }) eventId: string | null;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) body: string;
  @Column({ type: 'text', nullable: true }) link: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'" }) data: Record<string, unknown>;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}

/** A message on one channel; `delivery_key` is unique, so a re-delivered job never sends twice. */
@Entity({ name: 'notification_deliveries' })
export class NotificationDeliveryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'delivery_key', type: 'text', unique: true }) deliveryKey: string;
  @Column({ name: 'message_id', type: 'bigint' }) messageId: string;
  @Column({ type: 'text' }) channel: ChannelName;
  @Column({ type: 'jsonb', default: () => "'{}'" }) target: Record<string, unknown>;
  @Column({ type: 'text', default: 'pending' }) status: 'pending' | 'sending' | 'sent' | 'dead';
  @Column({ type: 'int', default: 0 }) attempts: number;
  /** Sends repeated because an earlier attempt died between sending and recording (the honest window). */
  @Column({ name: 'crash_resends', type: 'int', default: 0 }) crashResends: number;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError: string | null;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}

/** The in-app inbox (站内信): the API lists it with an unread count and marks messages read. */
@Entity({ name: 'inbox_messages' })
export class InboxMessageEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'delivery_key', type: 'text', unique: true }) deliveryKey: string;
  @Column({ name: 'user_id', type: 'text' }) userId: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) body: string;
  @Column({ type: 'text', nullable: true }) link: string | null;
  @Column({ name: 'hazard_id', type: 'text', nullable: true }) hazardId: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true }) readAt: Date | null;
}

/** One digest per recipient and Asia/Shanghai day. */
@Entity({ name: 'reminder_digests' })
export class ReminderDigestEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'recipient_key', type: 'text' }) recipientKey: string;
  @Column({ name: 'digest_date', type: 'date' }) digestDate: string;
  @Column({ name: 'message_key', type: 'text' }) messageKey: string;
  @Column({ name: 'item_count', type: 'int' }) itemCount: number;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}

/** A reminder waiting for its recipient's next digest (digest_id null until then). */
@Entity({ name: 'reminder_digest_items' })
export class ReminderDigestItemEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'recipient_key', type: 'text' }) recipientKey: string;
  @Column({ type: 'jsonb' }) recipient: Record<string, unknown>;
  @Column({ name: 'event_id', type: 'text' }) eventId: string;
  @Column({ name: 'hazard_id', type: 'text' }) hazardId: string;
  @Column({ name: 'deadline_kind', type: 'text' }) deadlineKind: string;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt: Date;
  @Column({ name: 'days_before', type: 'int', nullable: true }) daysBefore: number | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Column({ name: 'digest_id', type: 'bigint', nullable: true }) digestId: string | null;
}

/** 责任倒查: who was responsible at the enterprise and the supervising department, and the evidence. */
@Entity({ name: 'accountability_records' })
export class AccountabilityRecordEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'event_id', type: 'text', unique: true }) eventId: string;
  @Column({ name: 'hazard_id', type: 'text' }) hazardId: string;
  @Column({ name: 'jurisdiction_path', type: 'text' }) jurisdictionPath: string;
  @Column({ name: 'enterprise_id', type: 'text' }) enterpriseId: string;
  @Column({ type: 'text' }) trigger: string;
  /** 从重追究: an accident during rectification. */
  @Column({ type: 'boolean', default: false }) heavier: boolean;
  @Column({ name: 'enterprise_responsible', type: 'jsonb' }) enterpriseResponsible: Record<string, unknown>;
  @Column({ name: 'department_responsible', type: 'jsonb' }) departmentResponsible: Record<string, unknown>;
  /** What was due, who was reminded when, who did what, in time order. */
  @Column({ type: 'jsonb' }) timeline: Record<string, unknown>[];
  @Column({ type: 'jsonb', default: () => "'{}'" }) detail: Record<string, unknown>;
  @Column({ name: 'traced_at', type: 'timestamptz' }) tracedAt: Date;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}

/** A job that exhausted its attempts (also in the `dead-letters` queue, shown by bull-board). */
@Entity({ name: 'notification_dead_letters' })
export class NotificationDeadLetterEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'text' }) queue: string;
  @Column({ name: 'job_id', type: 'text' }) jobId: string;
  @Column({ name: 'job_name', type: 'text' }) jobName: string;
  @Column({ type: 'jsonb' }) data: Record<string, unknown>;
  @Column({ type: 'text' }) error: string;
  @Column({ name: 'attempts_made', type: 'int' }) attemptsMade: number;
  @Column({ name: 'failed_at', type: 'timestamptz' }) failedAt: Date;
}

export const NOTIFICATION_ENTITIES = [
  ChannelPreferenceEntity,
  NotificationEventReceiptEntity,
  NotificationMessageEntity,
  NotificationDeliveryEntity,
  InboxMessageEntity,
  ReminderDigestEntity,
  ReminderDigestItemEntity,
  AccountabilityRecordEntity,
  NotificationDeadLetterEntity,
];
