import type { DayCount } from './day-count';

/** One recorded step of a hazard's history (hazard_history), as the explainer reads it. */
export interface HistoryStep {
  seq: number;
  step: string;
  /** Workflow time of the step, ISO. */
  at: string;
  policyVersion: string;
  data: Record<string, unknown>;
}

/** A setting of the policy a step followed: its version, JSON path (`escalation.ladder[2]`) and value. */
export interface RuleRef {
  policyVersion: string;
  path: string;
  value: unknown;
  zh: string;
  en: string;
}

/** A fact the explanation used, with the history step that recorded it. */
export interface ExplanationFact {
  key: string;
  zh: string;
  en: string;
  value: string | number | boolean | null;
  /** The history seq that recorded it. */
  seq: number;
}

/** One count behind the step: which instant, from which rule, how it was counted, and what the history recorded. */
export interface Computation {
  key: string;
  zh: string;
  en: string;
  rule: RuleRef | null;
  count: DayCount;
  /** The instant the history recorded for it (null when the history did not record it). */
  recorded: string | null;
  /** Whether the recount lands on the recorded instant (to the minute); null when nothing was recorded. */
  matchesRecord: boolean | null;
  textZh: string;
  textEn: string;
}

export const EXPLANATION_KINDS = [
  'overdue_ladder',
  'tracing_overdue',
  'plan_overdue',
  'review_window_missed',
  'extension_decision_overdue',
  'decision_overdue',
  'interview_overdue',
  'publication_overdue',
  'reminder',
  'deadline_set',
] as const;
export type ExplanationKind = (typeof EXPLANATION_KINDS)[number];

/** Why a step happened when it did (为什么？): the rule, the computation in words and numbers, the facts. */
export interface Explanation {
  seq: number;
  step: string;
  kind: ExplanationKind;
  at: string;
  titleZh: string;
  titleEn: string;
  policyVersion: string;
  rules: RuleRef[];
  computations: Computation[];
  /** For an escalation: the deadline that was missed (overdue since). */
  overdueSince: string | null;
  facts: ExplanationFact[];
  /** The explanation in sentences, zh-CN and English; times in Asia/Shanghai. */
  textZh: string[];
  textEn: string[];
  /** Whether the step's payload carried the inputs (newer histories) or they were recomputed from earlier steps. */
  inputs: 'recorded' | 'recomputed';
}
