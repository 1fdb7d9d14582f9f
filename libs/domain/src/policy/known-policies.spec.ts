import { DEFAULT_POLICY, POLICY_V1 } from './default-policy';
import { knownPolicies, versionsBefore } from './known-policies';

describe('the policy versions a migration may use', () => {
  const v3 = { ...DEFAULT_POLICY, version: 'default-v3', effectiveFrom: '2027-06-01' };

  it('knows the bundled versions and the region’s file; a later one with the same label replaces it', () => {
    expect([...knownPolicies().keys()]).toStrictEqual(['default-v1', 'default-v2']);
    expect(knownPolicies().size).toBe(2);
    const known = knownPolicies([v3]);
    expect(known.get('default-v3')).toBe(v3);
    expect(knownPolicies([{ ...DEFAULT_POLICY, name: 'regional' }]).get('default-v2')?.name).toBe('regional');
  });

  it('a hazard moves to a version only from the versions it supersedes, oldest first', () => {
    const known = knownPolicies([v3]);
    expect(versionsBefore(known, v3)).toEqual(['default-v1', 'default-v2']);
    expect(versionsBefore(known, DEFAULT_POLICY)).toEqual(['default-v1']);
    expect(versionsBefore(known, POLICY_V1)).toEqual([]);
    // A region's file older than the bundled versions comes first, whatever order they were given in.
    const regional = { ...POLICY_V1, version: 'regional-v1', effectiveFrom: '2023-01-01' };
    expect(versionsBefore(knownPolicies([v3, regional]), v3)).toEqual(['regional-v1', 'default-v1', 'default-v2']);
  });
});
