import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Domain events waiting for the relay to publish them to BullMQ (jobId = eventId). */
@Entity({ name: 'outbox_events' })
export class OutboxEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'event_id', type: 'text', unique: true }) eventId: string;
  @Column({ type: 'text' }) type: string;
  @Column({ name: 'hazard_id', type: 'text' }) hazardId: string;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt: Date;
  @Column({ name: 'policy_version', type: 'text' }) policyVersion: string;
  @Column({ type: 'jsonb' }) payload: Record<string, unknown>;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt: Date | null;
}
