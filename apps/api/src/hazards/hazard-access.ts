import type { AuthUser } from '../auth/auth-user';

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
      if (!user.jurisdictionPath) return 'false';
      params.push(user.jurisdictionPath + '%');
      return `h.jurisdiction_path like $${params.length}`;
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
