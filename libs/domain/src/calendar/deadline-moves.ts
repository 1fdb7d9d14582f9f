import { DEADLINE_LABELS } from '../hazard/deadline-labels';
import { ESCALATION_ACTION_LABELS, type EscalationAction } from '../policy/escalation-action';

/**
 * One instant a hazard re-planned after a calendar change: a deadline, a reminder before one, a
 * stage of the overdue ladder or the tracing alarm, from its old instant to its new one. Recorded
 * in the `deadline_recomputed` step and listed in the notice to the enterprise and its supervisor.
 */
export interface DeadlineMove {
  kind:
    | 'planDue'
    | 'rectification'
    | 'extensionRequestCutoff'
    | 'extensionDecisionDue'
    | 'reviewDue'
    | 'decisionDue'
    | 'plan_reminder'
    | 'rectification_reminder'
    | 'review_reminder'
    | 'decision_reminder'
    | 'ladder'
    | 'tracing_overdue';
  from: string;
  to: string;
  daysBefore?: number;
  stage?: number;
  action?: EscalationAction;
}

/** Which deadline each kind of move is, or is a reminder before, as DEADLINE_LABELS names it. */
const DEADLINE_OF: Partial<Record<DeadlineMove['kind'], string>> = {
  planDue: 'plan',
  rectification: 'rectification',
  extensionRequestCutoff: 'extensionRequestCutoff',
  extensionDecisionDue: 'extensionDecision',
  reviewDue: 'review',
  decisionDue: 'decision',
  plan_reminder: 'plan',
  rectification_reminder: 'rectification',
  review_reminder: 'review',
  decision_reminder: 'decision',
};

/** What moved, in words (`中文`, English). */
export function deadlineMoveLabel(m: DeadlineMove): { zh: string; en: string } {
  switch (m.kind) {
    case 'plan_reminder':
    case 'rectification_reminder':
    case 'review_reminder':
    case 'decision_reminder': {
      const of = DEADLINE_LABELS[DEADLINE_OF[m.kind]!];
      return { zh: `${of.zh}前${m.daysBefore ?? ''}个工作日提醒`, en: `reminder ${m.daysBefore ?? ''} working days before the ${of.en}` };
    }
    case 'ladder': {
      const a = m.action ? ESCALATION_ACTION_LABELS[m.action] : { zh: '', en: '' };
      return { zh: `逾期第${m.stage}级升级（${a.zh}）`, en: `overdue stage ${m.stage} (${a.en})` };
    }
    case 'tracing_overdue':
      return { zh: '逾期责任倒查', en: 'responsibility tracing for long overdue' };
    default:
      return DEADLINE_LABELS[DEADLINE_OF[m.kind]!];
  }
}
