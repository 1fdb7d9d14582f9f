import { readFileSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@hazards/config';
import { DEFAULT_POLICY } from '@hazards/domain/policy/default-policy';
import { parsePolicy } from '@hazards/domain/policy/parse-policy';
import type { Policy } from '@hazards/domain/policy/policy.schema';

/**
 * The policy new hazards start with: POLICY_FILE when set (validated at boot, so a bad file
 * stops the API with the field that is wrong), else the bundled default. Running workflows
 * keep the version they started with.
 */
@Injectable()
export class PolicyProvider {
  readonly current: Policy;

  constructor(@Inject(AppConfig) config: AppConfig) {
    const file = config.get('POLICY_FILE', { infer: true });
    this.current = file ? parsePolicy(JSON.parse(readFileSync(file, 'utf8'))) : DEFAULT_POLICY;
  }
}
