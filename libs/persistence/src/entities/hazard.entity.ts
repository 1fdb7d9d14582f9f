import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The read model of one hazard: the current row, kept by the workflow's recordStep activity.
 * Lists, overdue queries and statistics read this table, never Temporal.
 */
@Entity({ name: 'hazards' })
export class HazardEntity {
  @PrimaryColumn({ type: 'text' }) id: string;
  @Column({ type: 'text' }) status: string;
  @Column({ type: 'text', nullable: true }) grade: string | null;
  @Column({ name: 'listing_level', type: 'text', nullable: true }) listingLevel: string | null;
  @Column({ name: 'enterprise_id', type: 'text' }) enterpriseId: string;
  /** '/city/county/township/grid/': a subtree is a prefix match. */
  @Index() @Column({ name: 'jurisdiction_path', type: 'text' }) jurisdictionPath: string;
  @Column({ name: 'city_id', type: 'text', nullable: true }) cityId: string | null;
  @Column({ name: 'county_id', type: 'text', nullable: true }) countyId: string | null;
  @Column({ name: 'township_id', type: 'text', nullable: true }) townshipId: string | null;
  @Column({ name: 'grid_id', type: 'text', nullable: true }) gridId: string | null;
  @Column({ type: 'text' }) source: string;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'text', nullable: true }) industry: string | null;
  @Column({ name: 'accident_type', type: 'text', nullable: true }) accidentType: string | null;
  @Column({ name: 'reported_at', type: 'timestamptz' }) reportedAt: Date;
  @Column({ name: 'current_deadline', type: 'timestamptz', nullable: true }) currentDeadline: Date | null;
  @Column({ name: 'rectification_deadline', type: 'timestamptz', nullable: true }) rectificationDeadline: Date | null;
  @Column({ name: 'escalation_stage', type: 'int', default: 0 }) escalationStage: number;
  @Column({ name: 'extension_count', type: 'int', default: 0 }) extensionCount: number;
  @Column({ name: 'rejection_count', type: 'int', default: 0 }) rejectionCount: number;
  @Column({ name: 'production_stopped', type: 'boolean', default: false }) productionStopped: boolean;
  @Column({ name: 'heavier_accountability', type: 'boolean', default: false }) heavierAccountability: boolean;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Column({ name: 'policy_version', type: 'text' }) policyVersion: string;
  /** The workflow step that wrote this row last; an older step never overwrites a newer one. */
  @Column({ name: 'last_seq', type: 'int' }) lastSeq: number;
  @Column({ type: 'jsonb', default: () => "'{}'" }) detail: Record<string, unknown>;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}
