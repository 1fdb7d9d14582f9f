import type { MissingFiling } from '@hazards/persistence/filings/missing-filings';
import type { Recipient } from '../recipients/recipient.types';
import { greeting, type ComposedMessage } from './message-composer';

/** 统计报送提醒: which period is missing, when it was due, and who signs (the 主要负责人). */
export function composeFilingReminder(f: MissingFiling, r: Recipient, baseUrl: string): ComposedMessage {
  const link = `${baseUrl.replace(/\/+$/, '')}/#/portal`;
  const g = greeting(r);
  const what = f.periodKind === 'annual' ? { zh: '年度', en: 'annual' } : { zh: '季度', en: 'quarterly' };
  const signer = f.principalName ? `（由主要负责人 ${f.principalName} 签名）` : '（由主要负责人签名）';
  const body = [
    g.zh,
    `${f.enterpriseName} 的${what.zh}隐患排查治理统计（${f.period}）应于 ${f.dueOn} 前报送，至今未报送，请尽快报送${signer}。`,
    `报送：${link}`,
    '',
    '---',
    g.en,
    `${f.enterpriseName}'s ${what.en} hazard statistics for ${f.period} were due on ${f.dueOn} and have not been filed. Please file them, signed by the principal person in charge.`,
    `File: ${link}`,
  ].join('\n');
  return {
    title: `【统计报送提醒】${f.enterpriseName} ${f.period} / Statistics filing overdue`,
    body,
    link,
    data: { enterpriseId: f.enterpriseId, period: f.period, periodKind: f.periodKind, dueOn: f.dueOn },
  };
}
