import raw from './policies/default-v1.json';
import { parsePolicy } from './parse-policy';

/** The default policy, validated at load. Start new hazards with it unless a region overrides. */
export const DEFAULT_POLICY = parsePolicy(raw);
