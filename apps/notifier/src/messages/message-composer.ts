import { PROVISIONAL_NOTE } from '@hazards/domain/calendar/calendar-coverage';
import { deadlineMoveLabel, type DeadlineMove } from '@hazards/domain/calendar/deadline-moves';
import { DEADLINE_LABELS } from '@hazards/domain/hazard/deadline-labels';
import type { DomainEvent } from '@hazards/events/domain-event';
import { ESCALATION_ACTION_LABELS, type EscalationAction } from '@hazards/domain/policy/escalation-action';
import { LEVEL_LABELS, type LevelAbove } from '@hazards/domain/rules/listing-ladder.rule';
import { REASON_LABELS, type Recipient } from '../recipients/recipient.types';
import type { HazardContext } from './hazard-context.loader';
import { enDateTime, zhDateTime } from './shanghai-time';
import { accountabilityIntro, documentLines } from './accountability-messages';

/** Title, text body (zh-CN first, then English) and a link; what every channel renders from. */
export interface ComposedMessage {
  title: string;
  body: string;
  link: string;
  data: Record<string, unknown>;
}

const levelZh = (l: unknown) =>
  LEVEL_LABELS[l as LevelAbove]?.zh ?? (l === 'grid' ? '网格' : l === 'admin' ? '系统管理员' : String(l ?? ''));
const levelEn = (l: unknown) => LEVEL_LABELS[l as LevelAbove]?.en ?? String(l ?? '');

export function hazardLink(baseUrl: string, hazardId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/hazards/${encodeURIComponent(hazardId)}`;
}

/** "张三（属地监管人员）" plus why they receive: a delegation or an empty post below. */
export function greeting(r: Recipient): { zh: string; en: string } {
  const roles = r.reasons.map((x) => REASON_LABELS[x]);
  let zh = `${r.name}（${roles.map((x) => x.zh).join('、')}）：`;
  let en = `To ${r.name} (${roles.map((x) => x.en).join(', ')}):`;
  if (r.onBehalfOf) {
    zh += `\n※ ${r.onBehalfOf.name} 外出期间由您代为接收。`;
    en += `\n* You receive this on behalf of ${r.onBehalfOf.name}, who is away.`;
  }
  if (r.fallbackFrom) {
    zh += `\n※ ${levelZh(r.fallbackFrom)}级岗位空缺，由${levelZh(r.level)}接收。`;
    en += `\n* The ${levelEn(r.fallbackFrom)} post is empty; the ${levelEn(r.level)} level receives it.`;
  }
  return { zh, en };
}

function escalationWhat(p: Record<string, unknown>): { zh: string; en: string } {
  const detail = (p.detail ?? {}) as Record<string, unknown>;
  const to = p.escalatedTo
    ? { zh: `（提级至${levelZh(p.escalatedTo)}）`, en: ` (escalated to ${levelEn(p.escalatedTo)})` }
    : { zh: '', en: '' };
  switch (p.kind) {
    case 'overdue_ladder': {
      const label = ESCALATION_ACTION_LABELS[p.action as EscalationAction] ??
        (detail.label as { zh: string; en: string }) ?? { zh: String(p.action), en: String(p.action) };
      return { zh: `逾期第${p.stage}级：${label.zh}${to.zh}`, en: `overdue stage ${p.stage}: ${label.en}${to.en}` };
    }
    case 'plan_overdue':
      return { zh: `治理方案逾期未提交${to.zh}`, en: `rectification plan overdue${to.en}` };
    case 'review_window_missed':
      return { zh: `${levelZh(detail.level)}级复核超期${to.zh}`, en: `${levelEn(detail.level)} review window missed${to.en}` };
    case 'extension_decision_overdue':
      return { zh: `延期申请超期未答复${to.zh}`, en: `extension decision overdue${to.en}` };
    case 'grading_overdue':
      return { zh: `隐患逾期未定级${to.zh}`, en: `grading overdue${to.en}` };
    case 'listing_overdue':
      return { zh: `重大隐患逾期未挂牌督办${to.zh}`, en: `listing overdue${to.en}` };
    case 'plan_decision_overdue':
      return { zh: `治理方案逾期未审核${to.zh}`, en: `plan decision overdue${to.en}` };
    case 'repeated_extension':
      return { zh: `多次申请延期${to.zh}`, en: `repeated extension requests${to.en}` };
    default:
      return { zh: `隐患升级${to.zh}`, en: `escalated${to.en}` };
  }
}

function hazardLines(h: HazardContext, deadline: Date | string | null, label = DEADLINE_LABELS.rectification) {
  const zh = [`隐患：${h.description}`, `企业：${h.enterpriseName}`];
  const en = [`Hazard: ${h.description}`, `Enterprise: ${h.enterpriseName}`];
  if (deadline) {
    zh.push(`${label.zh}：${zhDateTime(deadline)}`);
    en.push(`${label.en[0].toUpperCase()}${label.en.slice(1)}: ${enDateTime(deadline)}`);
  }
  return { zh, en };
}

/** Escalation, accountability and closure notices: one event, one hazard, sent at once. */
export function composeEventMessage(event: DomainEvent, h: HazardContext, r: Recipient, baseUrl: string): ComposedMessage {
  const p = event.payload as Record<string, unknown>;
  const link = hazardLink(baseUrl, h.id);
  const g = greeting(r);
  const deadline =
    ((p.detail as Record<string, unknown> | undefined)?.rectificationDeadline as string | undefined) ??
    (p.rectificationDeadline as string | undefined) ??
    h.rectificationDeadline;
  const lines = hazardLines(h, deadline ?? null);
  let title: string;
  let zhIntro: string;
  let enIntro: string;
  // Issue 18: listings, sign-offs, documents and interviews; a ladder stage's document is listed with its link.
  const acc = accountabilityIntro(event, h, baseUrl);
  const doc = acc
    ? acc.document
    : (((p.detail as Record<string, unknown> | undefined)?.document as Parameters<typeof documentLines>[0] | undefined) ?? null);
  if (doc) {
    const d = documentLines(doc, h, baseUrl);
    lines.zh.push(...d.zh);
    lines.en.push(...d.en);
  }
  if (acc) {
    title = acc.title;
    zhIntro = acc.zh;
    enIntro = acc.en;
  } else
    switch (event.type) {
      case 'escalation.raised': {
        const what = escalationWhat(p);
        title = `【隐患升级督办】${h.enterpriseName}：${h.description} / Hazard escalated`;
        zhIntro = `以下事故隐患已按规定升级督办：${what.zh}。`;
        enIntro = `This hazard has been escalated: ${what.en}.`;
        break;
      }
      case 'accountability.traced': {
        const heavier = p.heavier === true;
        title = `【责任倒查${heavier ? '·从重追究' : ''}】${h.enterpriseName}：${h.description} / Responsibility traced`;
        zhIntro = `以下事故隐患已启动责任倒查${heavier ? '，整改期间发生事故，从重追究' : ''}（触发原因：${triggerZh(p.trigger)}）。`;
        enIntro = `Responsibility tracing has started for this hazard${heavier ? ', with heavier accountability (accident during rectification)' : ''} (trigger: ${String(p.trigger)}).`;
        break;
      }
      case 'hazard.deadlines_recomputed': {
        const moves = (p.moved ?? []) as (DeadlineMove & { provisional?: boolean })[];
        const reason = String(p.reason ?? '');
        const [reasonZh, reasonEn] = reason.includes(' / ') ? reason.split(' / ', 2) : [reason, reason];
        title = `【期限调整】${h.enterpriseName}：${h.description} / Deadlines moved by the holiday calendar`;
        zhIntro = [
          `因工作日历变更（${reasonZh}），以下期限已重新计算：`,
          ...moves.map(
            (m, i) =>
              `${i + 1}. ${deadlineMoveLabel(m).zh}：${zhDateTime(m.from)} → ${zhDateTime(m.to)}${m.provisional ? PROVISIONAL_NOTE.zh : ''}`,
          ),
        ].join('\n');
        enIntro = [
          `The working-day calendar changed (${reasonEn}); these were recomputed:`,
          ...moves.map(
            (m, i) =>
              `${i + 1}. ${deadlineMoveLabel(m).en}: ${enDateTime(m.from)} → ${enDateTime(m.to)}${m.provisional ? PROVISIONAL_NOTE.en : ''}`,
          ),
        ].join('\n');
        break;
      }
      case 'closure.recommended':
        title = `【建议关闭】${h.enterpriseName} / Closure recommended`;
        zhIntro = `依据《安全生产法》第一百一十三条，该企业重大事故隐患受处罚次数已达关闭标准，建议提请关闭。`;
        enIntro = `Under Safety Law art 113 the enterprise's penalties for a major hazard reached the threshold: closure is recommended.`;
        break;
      case 'hazard.withdrawn': {
        const kind = p.kind === 'duplicate' ? { zh: '重复上报', en: 'duplicate report' } : { zh: '报告不实', en: 'false report' };
        title = `【隐患撤销】${h.enterpriseName}：${h.description} / Hazard withdrawn`;
        zhIntro = `以下事故隐患已由${levelZh(p.withdrawnAt)}级以“${kind.zh}”撤销，理由：${String(p.reason ?? '')}。请上级知悉。`;
        enIntro = `This hazard was withdrawn by the ${levelEn(p.withdrawnAt)} level as a ${kind.en}; reason: ${String(p.reason ?? '')}. For the level above's information.`;
        break;
      }
      default:
        title = `【隐患通知】${h.description} / Hazard notice`;
        zhIntro = `事件：${event.type}`;
        enIntro = `Event: ${event.type}`;
    }
  const body = [g.zh, zhIntro, ...lines.zh, `详情：${link}`, '', '---', g.en, enIntro, ...lines.en, `Details: ${link}`].join('\n');
  return {
    title,
    body,
    link,
    data: {
      eventType: event.type,
      eventId: event.eventId,
      hazardId: h.id,
      description: h.description,
      enterprise: h.enterpriseName,
      deadline: deadline ?? null,
      payload: p,
    },
  };
}

function triggerZh(t: unknown): string {
  return t === 'rejections'
    ? '复核多次不通过'
    : t === 'overdue'
      ? '长期逾期'
      : t === 'accident_during_rectification'
        ? '整改期间发生事故'
        : String(t);
}

export interface DigestEntry {
  hazard: HazardContext;
  deadlineKind: string;
  dueAt: Date | string;
  daysBefore: number | null;
  onBehalfOf?: string;
  /** The deadline falls in a year without its State Council notice: the text says it is provisional. */
  provisional?: boolean;
}

/** News for the level above, as a digest line (issue 18): a listing, a sign-off, a missing filing. */
export interface DigestNews {
  kind: 'listed' | 'closed' | 'filing_missing';
  title: string;
  titleEn: string;
  enterprise: string;
  link: string;
}

const NEWS_HEADINGS: Record<DigestNews['kind'], { zh: string; en: string }> = {
  listed: { zh: '挂牌督办', en: 'Listed for supervision' },
  closed: { zh: '销号', en: 'Signed off' },
  filing_missing: { zh: '未按期报送统计', en: 'Statistics not filed' },
};

/**
 * The daily digest of one recipient: every pending reminder in one message, then the day's news
 * (listings, sign-offs, missing filings) grouped by kind, so a level that sees many of them gets
 * one message a day instead of one each.
 */
export function composeDigest(
  r: Recipient,
  entries: DigestEntry[],
  digestDate: string,
  baseUrl: string,
  news: DigestNews[] = [],
): ComposedMessage {
  const sorted = [...entries].sort((a, b) => new Date(a.dueAt).getTime() - new Date(b.dueAt).getTime());
  const g = greeting(r);
  const zh = sorted.map((e, i) => {
    const label = DEADLINE_LABELS[e.deadlineKind] ?? { zh: e.deadlineKind, en: e.deadlineKind };
    const who = e.onBehalfOf ? `（代${e.onBehalfOf}接收）` : '';
    return `${i + 1}. ${e.hazard.description}｜${e.hazard.enterpriseName}｜${label.zh}：${zhDateTime(e.dueAt)}${e.provisional ? PROVISIONAL_NOTE.zh : ''}${who}\n   ${hazardLink(baseUrl, e.hazard.id)}`;
  });
  const en = sorted.map((e, i) => {
    const label = DEADLINE_LABELS[e.deadlineKind] ?? { zh: e.deadlineKind, en: e.deadlineKind };
    const who = e.onBehalfOf ? ` (for ${e.onBehalfOf})` : '';
    return `${i + 1}. ${e.hazard.description} | ${e.hazard.enterpriseName} | ${label.en}: ${enDateTime(e.dueAt)}${e.provisional ? PROVISIONAL_NOTE.en : ''}${who}`;
  });
  const newsZh: string[] = [];
  const newsEn: string[] = [];
  for (const kind of Object.keys(NEWS_HEADINGS) as DigestNews['kind'][]) {
    const ofKind = news.filter((n) => n.kind === kind);
    if (ofKind.length === 0) continue;
    newsZh.push(
      `【${NEWS_HEADINGS[kind].zh}】${ofKind.length}项：`,
      ...ofKind.map((n, i) => `${i + 1}. ${n.enterprise}｜${n.title}\n   ${n.link}`),
    );
    newsEn.push(`${NEWS_HEADINGS[kind].en} (${ofKind.length}):`, ...ofKind.map((n, i) => `${i + 1}. ${n.enterprise} | ${n.titleEn}`));
  }
  const title =
    sorted.length > 0
      ? `【隐患整改提醒】${digestDate} 您有${sorted.length}项隐患期限临近${news.length ? `，另有${news.length}项动态` : ''} / ${sorted.length} hazard deadline(s) approaching${news.length ? `, ${news.length} update(s)` : ''}`
      : `【隐患动态】${digestDate} 共${news.length}项 / ${news.length} update(s)`;
  const body = [
    g.zh,
    ...(sorted.length ? [`以下${sorted.length}项事故隐患的期限临近，请及时督促整改：`, ...zh] : []),
    ...(news.length ? [`辖区动态（共${news.length}项）：`, ...newsZh] : []),
    '',
    '---',
    g.en,
    ...(sorted.length ? [`${sorted.length} hazard deadline(s) are approaching:`, ...en] : []),
    ...(news.length ? [`Updates in your jurisdiction (${news.length}):`, ...newsEn] : []),
  ].join('\n');
  const single = sorted.length === 1 && news.length === 0;
  return {
    title,
    body,
    link: single ? hazardLink(baseUrl, sorted[0].hazard.id) : `${baseUrl.replace(/\/+$/, '')}/hazards`,
    data: {
      digestDate,
      items: sorted.map((e) => ({
        hazardId: e.hazard.id,
        description: e.hazard.description,
        enterprise: e.hazard.enterpriseName,
        deadlineKind: e.deadlineKind,
        dueAt: new Date(e.dueAt).toISOString(),
        daysBefore: e.daysBefore,
        link: hazardLink(baseUrl, e.hazard.id),
        onBehalfOf: e.onBehalfOf ?? null,
        provisional: e.provisional ?? false,
      })),
      news,
    },
  };
}
