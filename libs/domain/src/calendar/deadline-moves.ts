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

const DEADLINE_LABELS: Record<string, { zh: string; en: string }> = {
  planDue: { zh: '治理方案提交期限', en: 'plan due' },
  rectification: { zh: '整改期限', en: 'rectification deadline' },
  extensionRequestCutoff: { zh: '延期申请截止', en: 'extension request cutoff' },
  extensionDecisionDue: { zh: '延期答复期限', en: 'extension decision due' },
  reviewDue: { zh: '复核期限', en: 'review due' },
  decisionDue: { zh: '监管决定期限（定级、挂牌或方案审核）', en: 'regulator decision due (grading, listing or plan decision)' },
  tracing_overdue: { zh: '逾期责任倒查', en: 'responsibility tracing for long overdue' },
};

/** What moved, in words (`中文`, English). */
export function deadlineMoveLabel(m: DeadlineMove): { zh: string; en: string } {
  switch (m.kind) {
    case 'plan_reminder':
    case 'rectification_reminder':
    case 'review_reminder':
    case 'decision_reminder': {
      const of =
        DEADLINE_LABELS[
          {
            plan_reminder: 'planDue',
            review_reminder: 'reviewDue',
            decision_reminder: 'decisionDue',
            rectification_reminder: 'rectification',
          }[m.kind]
        ];
      return { zh: `${of.zh}前${m.daysBefore ?? ''}个工作日提醒`, en: `reminder ${m.daysBefore ?? ''} working days before the ${of.en}` };
    }
    case 'ladder': {
      const a = m.action ? ESCALATION_ACTION_LABELS[m.action] : { zh: '', en: '' };
      return { zh: `逾期第${m.stage}级升级（${a.zh}）`, en: `overdue stage ${m.stage} (${a.en})` };
    }
    default:
      return DEADLINE_LABELS[m.kind];
  }
}
