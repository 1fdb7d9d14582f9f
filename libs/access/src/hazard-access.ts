import type { AuthUser } from './auth-user';

/**
 * Whether the caller may report a hazard for an enterprise (its grid's path): the rule of which
 * hazards they may see (visibleHazards of the read model), for one enterprise.
 */
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
