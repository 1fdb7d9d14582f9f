import { readFileSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@hazards/config';
import { refuseDemoClockOutsideDemos } from '@hazards/domain/calendar/demo-clock';
import { DEFAULT_POLICY } from '@hazards/domain/policy/default-policy';
import { knownPolicies } from '@hazards/domain/policy/known-policies';
import { parsePolicy } from '@hazards/domain/policy/parse-policy';
import type { Policy } from '@hazards/domain/policy/policy.schema';

/**
 * The policy new hazards start with: POLICY_FILE when set (validated at boot, so a bad file
 * stops the API with the field that is wrong), else the bundled default. Running workflows
 * keep the version they started with. A policy on a demo clock is refused in production.
 */
@Injectable()
export class PolicyProvider {
  readonly current: Policy;

  constructor(@Inject(AppConfig) config: AppConfig) {
    const file = config.get('POLICY_FILE', { infer: true });
    this.current = refuseDemoClockOutsideDemos(
      file ? parsePolicy(JSON.parse(readFileSync(file, 'utf8'))) : DEFAULT_POLICY,
      config.get('NODE_ENV', { infer: true }),
    );
  }

  /** The policy a hazard runs under, by the version its history recorded (null when this process does not have it). */
  byVersion(version: string): Policy | null {
    return knownPolicies([this.current]).get(version) ?? null;
  }

  /** Duplicate detection rules for a hazard's version; versions without them (default-v1) use the current ones, or the default's. */
  duplicatesFor(version: string): NonNullable<Policy['duplicates']> {
    return this.byVersion(version)?.duplicates ?? this.current.duplicates ?? DEFAULT_POLICY.duplicates!;
  }
}
