import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A node of the jurisdiction tree: city → county/district/zone → township/park/street → grid. */
@Entity({ name: 'jurisdictions' })
export class JurisdictionEntity {
  @PrimaryColumn({ type: 'text' }) id: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) level: 'city' | 'county' | 'township' | 'grid';
  /** 市, 县(市), 区, 开发区, 镇, 园区, 街道, 网格 */
  @Column({ type: 'text' }) kind: string;
  @Column({ name: 'parent_id', type: 'text', nullable: true }) parentId: string | null;
  /** '/nantong/tongzhou/jinsha/': the ids from the root, for subtree prefix matches. */
  @Column({ type: 'text' }) path: string;
}

/** A supervising (lead) department (牵头部门) at a level of government. */
@Entity({ name: 'departments' })
export class DepartmentEntity {
  @PrimaryColumn({ type: 'text' }) id: string;
  @Column({ type: 'text' }) name: string;
  @Column({ name: 'jurisdiction_id', type: 'text' }) jurisdictionId: string;
  @Column({ type: 'text', nullable: true }) email: string | null;
}

/** 生产经营单位, identified by its 统一社会信用代码, belonging to a grid. */
@Entity({ name: 'enterprises' })
export class EnterpriseEntity {
  @PrimaryColumn({ type: 'text' }) id: string;
  @Column({ type: 'text' }) name: string;
  @Column({ name: 'credit_code', type: 'text' }) creditCode: string;
  @Column({ name: 'grid_id', type: 'text' }) gridId: string;
  @Column({ type: 'text', nullable: true }) industry: string | null;
  /** 主要负责人: accountable for the enterprise's safety. */
  @Column({ name: 'principal_name', type: 'text', nullable: true }) principalName: string | null;
  @Column({ name: 'principal_phone', type: 'text', nullable: true }) principalPhone: string | null;
  @Column({ name: 'principal_email', type: 'text', nullable: true }) principalEmail: string | null;
  @Column({ type: 'text', nullable: true }) address: string | null;
}

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryColumn({ type: 'text' }) id: string;
  @Column({ type: 'text' }) username: string;
  @Column({ name: 'password_hash', type: 'text', select: false }) passwordHash: string;
  @Column({ name: 'display_name', type: 'text' }) displayName: string;
  @Column({ type: 'text' }) role: 'enterprise' | 'grid_inspector' | 'supervisor' | 'assessor' | 'admin';
  @Column({ name: 'jurisdiction_id', type: 'text', nullable: true }) jurisdictionId: string | null;
  @Column({ name: 'enterprise_id', type: 'text', nullable: true }) enterpriseId: string | null;
  @Column({ name: 'department_id', type: 'text', nullable: true }) departmentId: string | null;
  @Column({ name: 'is_safety_director', type: 'boolean', default: false }) isSafetyDirector: boolean;
  @Column({ type: 'text', nullable: true }) email: string | null;
  @Column({ type: 'text', nullable: true }) phone: string | null;
  @Column({ name: 'failed_logins', type: 'int', default: 0 }) failedLogins: number;
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true }) lockedUntil: Date | null;
  /** Receives this user's messages while they are away (away_from..away_until). */
  @Column({ name: 'delegate_user_id', type: 'text', nullable: true }) delegateUserId: string | null;
  @Column({ name: 'away_from', type: 'timestamptz', nullable: true }) awayFrom: Date | null;
  @Column({ name: 'away_until', type: 'timestamptz', nullable: true }) awayUntil: Date | null;
  @Column({ type: 'boolean', default: true }) active: boolean;
}
