import v1 from './policies/default-v1.json';
import v2 from './policies/default-v2.json';
import { parsePolicy } from './parse-policy';

/** The default policy, validated at load. Start new hazards with it unless a region overrides. */
export const DEFAULT_POLICY = parsePolicy(v2);

/**
 * Earlier versions, kept because hazards started under them keep running under them (a workflow
 * records the policy it started with) until an audited migration moves them.
 */
export const POLICY_V1 = parsePolicy(v1);
