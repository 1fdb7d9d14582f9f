import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** Append-only: one row per workflow step, unique on (hazard, seq) so a retried activity writes once. */
@Entity({ name: 'hazard_history' })
@Unique('uq_hazard_history_step', ['hazardId', 'seq'])
export class HazardHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'hazard_id', type: 'text' }) hazardId: string;
  @Column({ type: 'int' }) seq: number;
  @Column({ type: 'text' }) step: string;
  @Column({ name: 'actor_id', type: 'text' }) actorId: string;
  @Column({ name: 'actor_role', type: 'text' }) actorRole: string;
  @Column({ type: 'jsonb' }) actor: Record<string, unknown>;
  /** Workflow time of the step. */
  @Column({ type: 'timestamptz' }) at: Date;
  @Column({ name: 'from_status', type: 'text', nullable: true }) fromStatus: string | null;
  @Column({ name: 'to_status', type: 'text' }) toStatus: string;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ name: 'policy_version', type: 'text' }) policyVersion: string;
  @Column({ type: 'jsonb' }) data: Record<string, unknown>;
  /** Server time the row was written. */
  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' }) recordedAt: Date;
  /** Archive hash chain (建档备案): position, previous row's HMAC, this row's HMAC. Set once, on insert. */
  @Column({ name: 'chain_seq', type: 'bigint', nullable: true }) chainSeq: string | null;
  @Column({ name: 'prev_hmac', type: 'text', nullable: true }) prevHmac: string | null;
  @Column({ name: 'row_hmac', type: 'text', nullable: true }) rowHmac: string | null;
}
