import { readFileSync } from 'node:fs';
import { cliSettings } from '@hazards/config/environment.schema';
import { DEFAULT_POLICY } from '@hazards/domain/policy/default-policy';
import { parsePolicy } from '@hazards/domain/policy/parse-policy';
import type { Policy } from '@hazards/domain/policy/policy.schema';

/** The policy the apps run with: POLICY_FILE when set, else the bundled default. */
export function currentPolicy(): Policy {
  const file = cliSettings().POLICY_FILE;
  return file ? parsePolicy(JSON.parse(readFileSync(file, 'utf8'))) : DEFAULT_POLICY;
}
