import type { AuthUser } from './auth-user';

/** The read-model column holding the id of the hazard's node at each level. */
export const LEVEL_COLUMN = { city: 'city_id', county: 'county_id', township: 'township_id', grid: 'grid_id' } as const;

/**
 * Which hazards a caller may know exist, as a SQL condition on the `hazards` table (alias h).
 * Supervisors and grid inspectors see their jurisdiction's subtree, enterprise users their own
 * enterprise, admins everything (read-only), assessors nothing through lists.
 */
export function visibleHazardsCondition(user: AuthUser, params: unknown[]): string {
  switch (user.role) {
    case 'admin':
      return 'true';
    case 'supervisor':
    case 'grid_inspector':
      if (!user.jurisdictionId || !user.jurisdictionLevel) return 'false';
      // The read model keeps one id column per level; equality on it is the subtree, and indexed.
      params.push(user.jurisdictionId);
      return `h.${LEVEL_COLUMN[user.jurisdictionLevel]} = $${params.length}`;
    case 'enterprise':
      if (!user.enterpriseId) return 'false';
      params.push(user.enterpriseId);
      return `h.enterprise_id = $${params.length}`;
    default:
      return 'false';
  }
}

/** The same rule for an enterprise the caller wants to report a hazard for (its grid's path). */
export function mayReportFor(user: AuthUser, enterprise: { id: string; gridPath: string }): boolean {
  switch (user.role) {
    case 'enterprise':
      return user.enterpriseId === enterprise.id;
    case 'supervisor':
    case 'grid_inspector':
      return !!user.jurisdictionPath && enterprise.gridPath.startsWith(user.jurisdictionPath);
    default:
      return false;
  }
}
