import type { JurisdictionLevel, Role } from './vocabulary';

/**
 * Who performs an action. The API authenticates the user and resolves their jurisdiction; the
 * workflow only checks what the lifecycle itself requires (role, level, own enterprise).
 */
export interface Actor {
  userId: string;
  role: Role;
  name?: string;
  /** For supervisors and grid inspectors: the node they are bound to and its level. */
  jurisdictionId?: string;
  jurisdictionLevel?: JurisdictionLevel;
  /** For enterprise users: their enterprise, and whether they are its 安全总监 (safety director). */
  enterpriseId?: string;
  isSafetyDirector?: boolean;
}

export const SYSTEM_ACTOR: Actor = { userId: 'system', role: 'system', name: '系统 / system' };
