import { simulationSettings } from '@hazards/config/environment.schema';
import { parsePolicy, PolicyError } from '@hazards/domain/policy/parse-policy';
import type { Policy } from '@hazards/domain/policy/policy.schema';

/** Every input of a simulation has a bound: the policy's size, the period's length, the hazards replayed. */
export const SIMULATION_BOUNDS = {
  /** A policy is a few KiB; 256 KiB leaves room for long `basis` texts. */
  maxPolicyBytes: 256 * 1024,
  /** Two years (2 × 366 days). */
  maxPeriodDays: 732,
  /** Hazards replayed in one run (SIMULATION_MAX_HAZARDS overrides): a year of a city is about 10,000. */
  maxHazards: simulationSettings().SIMULATION_MAX_HAZARDS,
} as const;

/** A request the simulation refuses: `{code, message, messageEn, field}`, answered as 4xx. */
export class SimulationInputError extends Error {
  constructor(
    readonly code: string,
    readonly zh: string,
    readonly en: string,
    readonly field: string,
    readonly status = 422,
  ) {
    super(`${zh} / ${en}`);
    this.name = 'SimulationInputError';
  }
}

export interface SimulationRequest {
  policy: Policy;
  /** ISO instants; `from` inclusive, `to` exclusive. */
  from: string;
  to: string;
}

/** A date (YYYY-MM-DD, midnight Asia/Shanghai) or an ISO instant, as an ISO instant; null if neither. */
export function periodInstant(v: unknown): string | null {
  if (typeof v !== 'string' || v.length > 40) return null;
  const text = /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00+08:00` : v;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** Checks the policy (the policy schema) and the period; the policy arrives as text or parsed JSON. */
export function validateSimulationRequest(raw: { policy: unknown; from: unknown; to: unknown }): SimulationRequest {
  const text = typeof raw.policy === 'string' ? raw.policy : JSON.stringify(raw.policy ?? null);
  if (Buffer.byteLength(text, 'utf8') > SIMULATION_BOUNDS.maxPolicyBytes) {
    throw new SimulationInputError(
      'policy_too_large',
      `策略文件超过 ${SIMULATION_BOUNDS.maxPolicyBytes / 1024} KiB。`,
      `The policy is larger than ${SIMULATION_BOUNDS.maxPolicyBytes / 1024} KiB.`,
      'policy',
      413,
    );
  }
  let parsed: unknown;
  try {
    parsed = typeof raw.policy === 'string' ? JSON.parse(raw.policy) : raw.policy;
  } catch {
    throw new SimulationInputError('policy_invalid', '策略文件不是有效的 JSON。', 'The policy is not valid JSON.', 'policy');
  }
  let policy: Policy;
  try {
    policy = parsePolicy(parsed);
  } catch (e) {
    if (!(e instanceof PolicyError)) throw e;
    const first = e.issues[0];
    throw new SimulationInputError(
      'policy_invalid',
      `策略无效：${e.issues.map((i) => `${i.path}: ${i.message}`).join('；')}`,
      `The policy is invalid: ${e.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      `policy.${first?.path ?? ''}`,
    );
  }
  const from = periodInstant(raw.from);
  if (!from) throw new SimulationInputError('period_invalid', '起始日期须为 YYYY-MM-DD。', 'from must be a date (YYYY-MM-DD).', 'from');
  const to = periodInstant(raw.to);
  if (!to) throw new SimulationInputError('period_invalid', '结束日期须为 YYYY-MM-DD。', 'to must be a date (YYYY-MM-DD).', 'to');
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (days <= 0) throw new SimulationInputError('period_invalid', '结束日期须晚于起始日期。', 'to must be after from.', 'to');
  if (days > SIMULATION_BOUNDS.maxPeriodDays) {
    throw new SimulationInputError('period_too_long', '推演期间不得超过两年。', 'The period may not be longer than two years.', 'to');
  }
  return { policy, from, to };
}

/** The hazard count bound, checked against the read model before anything runs. */
export function checkHazardCount(n: number): void {
  if (n > SIMULATION_BOUNDS.maxHazards) {
    throw new SimulationInputError(
      'too_many_hazards',
      `该辖区该期间有 ${n} 个隐患，超过单次推演上限 ${SIMULATION_BOUNDS.maxHazards}；请缩小辖区或期间。`,
      `${n} hazards in this jurisdiction and period, over the limit of ${SIMULATION_BOUNDS.maxHazards} a run: choose a smaller jurisdiction or period.`,
      'jurisdictionId',
    );
  }
}
