import { policySchema, type Policy } from './policy.schema';

export class PolicyError extends Error {
  constructor(readonly issues: { path: string; message: string }[]) {
    super(`策略无效 / invalid policy: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'PolicyError';
  }
}

/** Validates raw policy data (parsed JSON). Throws a PolicyError naming every bad field. */
export function parsePolicy(raw: unknown): Policy {
  const result = policySchema.safeParse(raw);
  if (result.success) return result.data;
  throw new PolicyError(result.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message })));
}
