import type { Actor } from '../hazard/actor';
import type { ListingLevel } from '../hazard/vocabulary';
import type { Policy } from '../policy/policy.schema';
import { isAtOrAbove, type LevelAbove } from './listing-ladder.rule';
import type { ReviewLevel } from './review-levels.rule';

/**
 * What the lifecycle itself requires of an actor. The API has already authenticated the user and
 * resolved their jurisdiction; these checks stop a wrong role, a wrong level or another
 * enterprise's user even when a caller bypasses the API.
 */
export const isOwnEnterprise = (actor: Actor, enterpriseId: string): boolean =>
  actor.role === 'enterprise' && actor.enterpriseId === enterpriseId;

/** A supervisor (or grid inspector) bound to a node on the hazard's jurisdiction path. */
export const isInJurisdiction = (actor: Actor, jurisdictionPath: string[]): boolean =>
  actor.jurisdictionId !== undefined && jurisdictionPath.includes(actor.jurisdictionId);

export const isSupervisorIn = (actor: Actor, jurisdictionPath: string[]): boolean =>
  actor.role === 'supervisor' && isInJurisdiction(actor, jurisdictionPath);

export const isSupervisorAt = (actor: Actor, jurisdictionPath: string[], level: ListingLevel | LevelAbove): boolean =>
  isSupervisorIn(actor, jurisdictionPath) && actor.jurisdictionLevel === level;

/** A supervisor on the hazard's path at `level` or a higher level (镇 < 县 < 市). */
export const isSupervisorAtOrAbove = (actor: Actor, jurisdictionPath: string[], level: ListingLevel): boolean => {
  const own = actor.jurisdictionLevel;
  return isSupervisorIn(actor, jurisdictionPath) && (own === 'township' || own === 'county' || own === 'city') && isAtOrAbove(own, level);
};

/**
 * Who may give a review at a level: a supervisor of that level; after the reviewer missed the
 * window, also each level the matter was escalated to, up to `escalatedTo` (一岗双责). A general hazard is verified by
 * the roles the policy names, or by the enterprise's 安全总监 where policy allows it.
 */
export function mayReview(
  policy: Policy,
  actor: Actor,
  hazard: { enterpriseId: string; jurisdictionPath: string[] },
  level: ReviewLevel,
  escalatedTo: LevelAbove | null,
): boolean {
  if (level === 'verification') {
    const general = policy.review.general;
    if (general.safetyDirectorMayVerify && isOwnEnterprise(actor, hazard.enterpriseId) && actor.isSafetyDirector === true) return true;
    return (general.verifierRoles as string[]).includes(actor.role) && isInJurisdiction(actor, hazard.jurisdictionPath);
  }
  if (isSupervisorAt(actor, hazard.jurisdictionPath, level)) return true;
  const own = actor.jurisdictionLevel;
  if (escalatedTo === null || !isSupervisorIn(actor, hazard.jurisdictionPath)) return false;
  return (own === 'township' || own === 'county' || own === 'city') && isAtOrAbove(own, level) && isAtOrAbove(escalatedTo, own);
}
