import { DEFAULT_POLICY, POLICY_V1 } from './default-policy';
import { isNewerPolicy } from './policy-order';
import type { Policy } from './policy.schema';

/**
 * The policy versions this build can run a hazard under, by version label: the bundled ones and
 * the region's POLICY_FILE, if any (given by the caller). A migration may target only one of these,
 * so what a hazard runs under after a migration is always reviewed data shipped with the code.
 */
export function knownPolicies(extra: readonly Policy[] = []): ReadonlyMap<string, Policy> {
  const all = new Map<string, Policy>();
  for (const p of [POLICY_V1, DEFAULT_POLICY, ...extra]) all.set(p.version, p);
  return all;
}

/** The known versions a hazard may be migrated from to `to`: every one `to` supersedes, oldest first. */
export function versionsBefore(known: ReadonlyMap<string, Policy>, to: Policy): string[] {
  return [...known.values()]
    .filter((p) => isNewerPolicy(to, p))
    .sort((a, b) => (isNewerPolicy(a, b) ? 1 : -1))
    .map((p) => p.version);
}
