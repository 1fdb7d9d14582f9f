import { DEFAULT_POLICY, POLICY_V1 } from './default-policy';
import { compareVersionLabels, isNewerPolicy } from './policy-order';

describe('policy versions in order (策略版本先后)', () => {
  it('a policy taking effect later is newer, whatever its label', () => {
    expect(isNewerPolicy(DEFAULT_POLICY, POLICY_V1)).toBe(true);
    expect(isNewerPolicy(POLICY_V1, DEFAULT_POLICY)).toBe(false);
    expect(isNewerPolicy({ version: 'a-v1', effectiveFrom: '2027-01-01' }, { version: 'z-v9', effectiveFrom: '2026-12-31' })).toBe(true);
  });

  it('on the same day, the later label is newer, its numbers read as numbers; a policy is not newer than itself', () => {
    const day = '2026-12-01';
    expect(isNewerPolicy({ version: 'default-v10', effectiveFrom: day }, { version: 'default-v9', effectiveFrom: day })).toBe(true);
    expect(isNewerPolicy({ version: 'default-v9', effectiveFrom: day }, { version: 'default-v10', effectiveFrom: day })).toBe(false);
    expect(isNewerPolicy(DEFAULT_POLICY, DEFAULT_POLICY)).toBe(false);
  });

  it('compares labels naturally: digits as numbers, letters in order, a longer label after its prefix', () => {
    expect(compareVersionLabels('v2', 'v10')).toBe(-1);
    expect(compareVersionLabels('v10', 'v2')).toBe(1);
    expect(compareVersionLabels('v2', 'v2')).toBe(0);
    expect(compareVersionLabels('a-v2', 'b-v1')).toBe(-1);
    expect(compareVersionLabels('b-v1', 'a-v2')).toBe(1);
    expect(compareVersionLabels('v2', 'v2.1')).toBe(-1);
    expect(compareVersionLabels('v2.1', 'v2')).toBe(1);
    expect(compareVersionLabels('2024', 'v1')).toBe(-1);
    expect(compareVersionLabels('', '')).toBe(0);
    // A run of other characters compares as one: 'v-' is after its prefix 'v', even though '-' sorts before '1'.
    expect(compareVersionLabels('v-1', 'v1')).toBe(1);
  });
});
