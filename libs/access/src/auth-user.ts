import type { Actor } from '@hazards/domain/hazard/actor';
import type { JurisdictionLevel, Role } from '@hazards/domain/hazard/vocabulary';

/** The authenticated caller, resolved on every request from the token's subject. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: Exclude<Role, 'system'>;
  /** Supervisors and grid inspectors: their node, its level and its path ('/nantong/tongzhou/'). */
  jurisdictionId: string | null;
  jurisdictionLevel: JurisdictionLevel | null;
  jurisdictionPath: string | null;
  enterpriseId: string | null;
  departmentId: string | null;
  isSafetyDirector: boolean;
}

/** The workflow's view of the caller. */
export function toActor(u: AuthUser): Actor {
  return {
    userId: u.id,
    role: u.role,
    name: u.displayName,
    ...(u.jurisdictionId ? { jurisdictionId: u.jurisdictionId } : {}),
    ...(u.jurisdictionLevel ? { jurisdictionLevel: u.jurisdictionLevel } : {}),
    ...(u.enterpriseId ? { enterpriseId: u.enterpriseId } : {}),
    ...(u.isSafetyDirector ? { isSafetyDirector: true } : {}),
  };
}
