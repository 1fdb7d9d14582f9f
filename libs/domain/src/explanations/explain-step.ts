import { DEADLINE_LABELS } from '../hazard/deadline-labels';
import { ESCALATION_ACTION_LABELS, type EscalationAction } from '../policy/escalation-action';
import type { Policy } from '../policy/policy.schema';
import { LEVEL_LABELS, type LevelAbove } from '../rules/listing-ladder.rule';
import { shanghaiDateTime } from '../time/shanghai-time';
import { countDays, type DayCount } from './day-count';
import { countText } from './explanation-text';
import type { Computation, Explanation, ExplanationFact, ExplanationKind, HistoryStep, RuleRef } from './explanation.types';
import type { NamedCalendar } from './named-calendar';

/**
 * 为什么？ Explains one escalation, reminder or deadline-setting step of a hazard's history: the
 * policy setting it followed (version and JSON path), each count behind it in words and numbers
 * (holidays skipped and make-up days counted by name), and every fact used with the seq of the
 * step that recorded it. Pure: it recounts from the policy, the calendar and the history, so
 * histories recorded before the workflow kept its inputs (`countedFrom`, `alarmAt`) are explained
 * too; where a step did record them, those are used and the recount is checked against them.
 * Returns null for a step that is none of these (the API answers 404).
 */
export function explainStep(history: HistoryStep[], seq: number, policy: Policy, cal: NamedCalendar): Explanation | null {
  const target = history.find((h) => h.seq === seq);
  if (!target) return null;
  const x = new Explainer(history, target, policy, cal);
  const done = x.explain();
  return done ? x.result(done) : null;
}

type Title = { zh: string; en: string; kind: ExplanationKind };
type Label = { zh: string; en: string };

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const sameMinute = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) < 60_000;

/** The value at a JSON path such as `escalation.ladder[2].afterOverdueWorkingDays`. */
export function valueAt(root: unknown, path: string): unknown {
  return path
    .split(/\.|\[(\d+)\]/)
    .filter((p) => p !== undefined && p !== '')
    .reduce<unknown>((v, k) => (v == null ? undefined : (v as Record<string, unknown>)[k]), root);
}

/** The decisions a regulator owes (定级, 挂牌, 方案审核): the step that opens each, and how its steps name it. */
const DECISIONS = {
  grading: { opener: 'reported', zh: '定级', en: 'grading', reminder: 'grading', escalation: 'grading_overdue', titleZh: '定级期限' },
  listing: { opener: 'graded', zh: '挂牌督办', en: 'listing', reminder: 'listing', escalation: 'listing_overdue', titleZh: '挂牌督办期限' },
  planDecision: {
    opener: 'plan.submitted',
    zh: '治理方案审核',
    en: 'plan decision',
    reminder: 'plan_decision',
    escalation: 'plan_decision_overdue',
    titleZh: '方案审核期限',
  },
} as const;
type Decision = keyof typeof DECISIONS;

/** The decision whose `field` (opener, reminder or escalation) names `value`. */
const decisionBy = (field: 'opener' | 'reminder' | 'escalation', value: unknown): Decision | undefined =>
  (Object.keys(DECISIONS) as Decision[]).find((k) => DECISIONS[k][field] === value);

/** Words the explanations use in several places, written once (the deadlines' in DEADLINE_LABELS). */
const WORDS = {
  listedAt: { zh: '挂牌时间', en: 'listed at' },
  fromListing: { zh: '挂牌', en: 'listing at' },
  fromDeadline: { zh: '整改期限', en: 'deadline' },
  escalatedTo: { zh: '提级至', en: 'escalated to' },
};

/** One count behind a step: what it yields (key, words), the rule, and the days counted from an instant. */
interface Count {
  key: string;
  label: Label;
  rule: RuleRef | null;
  from: string;
  /** What `from` is, in words. */
  fromLabel: Label;
  days: number;
  unit?: DayCount['unit'];
  /** The instant the history recorded for it, if it did. */
  recorded: string | null;
}

class Explainer {
  private readonly facts: ExplanationFact[] = [];
  private readonly rules: RuleRef[] = [];
  private readonly computations: Computation[] = [];
  private overdueSince: string | null = null;
  private recorded = false;

  constructor(
    private readonly history: HistoryStep[],
    private readonly target: HistoryStep,
    private readonly policy: Policy,
    private readonly cal: NamedCalendar,
  ) {}

  explain(): Title | null {
    const t = this.target;
    const d = t.data;
    switch (t.step) {
      case 'escalation':
        return this.escalation();
      case 'reminder':
        return this.reminder();
      case 'accountability.traced':
        return d.trigger === 'overdue' ? this.tracing() : null;
      case 'graded':
        if (d.grade === 'general') {
          return this.rectificationDeadline(t.seq + 1)
            ? { zh: '一般隐患整改期限', en: 'general hazard rectification deadline', kind: 'deadline_set' }
            : null;
        }
        return this.decisionDeadline('listing');
      case 'reported':
      case 'plan.submitted':
        return this.decisionDeadline(decisionBy('opener', t.step)!);
      case 'listed':
        this.planDue(t);
        this.rectificationDeadline(t.seq + 1);
        return { zh: '挂牌督办：方案期限与整改期限', en: 'listing: plan due and rectification deadline', kind: 'deadline_set' };
      case 'extension.requested':
        this.extensionDecisionWindow(t);
        return { zh: '延期申请答复期限', en: 'extension decision deadline', kind: 'deadline_set' };
      case 'extension.approved':
        this.rectificationDeadline(t.seq + 1);
        return { zh: '批准延期后的整改期限', en: 'rectification deadline after the extension', kind: 'deadline_set' };
      case 'completion.submitted':
      case 'review.passed':
        this.reviewWindow(t);
        return { zh: '复核期限', en: 'review deadline', kind: 'deadline_set' };
      default:
        return null;
    }
  }

  result(title: Title): Explanation {
    const t = this.target;
    const textZh = [`${title.zh}（第 ${t.seq} 步，${shanghaiDateTime(t.at)}）`];
    const textEn = [`${title.en} (step ${t.seq}, ${shanghaiDateTime(t.at)})`];
    for (const r of this.rules) {
      textZh.push(`依据：策略 ${r.policyVersion} 的 ${r.path}（${r.zh}）`);
      textEn.push(`Rule: policy ${r.policyVersion}, ${r.path} (${r.en})`);
    }
    for (const c of this.computations) {
      const check =
        c.matchesRecord === false
          ? {
              zh: `；记录为 ${shanghaiDateTime(c.recorded!)}（其后日历有变更）`,
              en: `; the history recorded ${shanghaiDateTime(c.recorded!)} (the calendar changed since)`,
            }
          : { zh: '', en: '' };
      textZh.push(`${c.zh}：${c.textZh}${check.zh}`);
      textEn.push(`${c.en}: ${c.textEn}${check.en}`);
    }
    if (this.overdueSince) {
      textZh.push(`自 ${shanghaiDateTime(this.overdueSince)} 起逾期`);
      textEn.push(`Overdue since ${shanghaiDateTime(this.overdueSince)}`);
    }
    return {
      seq: t.seq,
      step: t.step,
      kind: title.kind,
      at: t.at,
      titleZh: title.zh,
      titleEn: title.en,
      policyVersion: t.policyVersion,
      rules: this.rules,
      computations: this.computations,
      overdueSince: this.overdueSince,
      facts: this.facts,
      textZh,
      textEn,
      inputs: this.recorded ? 'recorded' : 'recomputed',
    };
  }

  // ---- building blocks

  private before(steps: readonly string[], seq: number, pred: (h: HistoryStep) => boolean = () => true): HistoryStep | undefined {
    return [...this.history].reverse().find((h) => h.seq < seq && steps.includes(h.step) && pred(h));
  }

  private rule(path: string, label: Label): RuleRef {
    const found = this.rules.find((r) => r.path === path);
    if (found) return found;
    const r: RuleRef = {
      policyVersion: this.target.policyVersion,
      path,
      value: valueAt(this.policy, path) ?? null,
      zh: label.zh,
      en: label.en,
    };
    this.rules.push(r);
    return r;
  }

  private fact(key: string, label: Label, value: ExplanationFact['value'], seq: number): void {
    if (!this.facts.some((f) => f.key === key && f.seq === seq)) this.facts.push({ key, zh: label.zh, en: label.en, value, seq });
  }

  /** An instant the step recorded about its own inputs (newer histories), else the fallback. */
  private input(h: HistoryStep, key: string, fallback: string): string {
    const v = str(h.data[key]);
    if (v) this.recorded = true;
    return v ?? fallback;
  }

  private compute({ key, label, rule, from, fromLabel, days, unit = 'working', recorded }: Count): Computation {
    const count = countDays(this.cal, from, days, unit);
    const text = countText(count, fromLabel);
    const c: Computation = {
      key,
      zh: label.zh,
      en: label.en,
      rule,
      count,
      recorded,
      matchesRecord: recorded ? sameMinute(recorded, count.to) : null,
      textZh: text.zh,
      textEn: text.en,
    };
    this.computations.push(c);
    return c;
  }

  /** A rectification deadline counted at `seq`: where it settled, stated as a fact of that step. */
  private rectificationSet(c: Computation, seq: number): string {
    this.fact('rectificationDeadline', DEADLINE_LABELS.rectification, this.settled(c), seq);
    return this.settled(c);
  }

  /** The instant a computation settles: what the history recorded, else the recount. */
  private settled(c: Computation): string {
    return c.recorded ?? c.count.to;
  }

  private grade(): 'general' | 'major' | null {
    const g = this.before(['graded'], this.target.seq + 1);
    if (!g) return null;
    this.fact('grade', { zh: '隐患等级', en: 'grade' }, str(g.data.grade), g.seq);
    return g.data.grade === 'general' ? 'general' : 'major';
  }

  // ---- where each deadline came from

  /** The rectification deadline in force before `seq`, with the counts that made it (listing, then each extension). */
  private rectificationDeadline(seq: number): string | null {
    const origin = this.before(['listed', 'extension.approved', 'graded', 'deadline_recomputed'], seq, (h) =>
      h.step === 'graded' ? h.data.grade === 'general' : h.step === 'deadline_recomputed' ? this.movedRectification(h) !== null : true,
    );
    if (!origin) return null;
    switch (origin.step) {
      case 'listed': {
        const level = str(origin.data.level) ?? 'township';
        const requested = num(origin.data.deadlineWorkingDays);
        const byLevel = valueAt(this.policy, `rectification.byListingLevel.${level}`) as number;
        const max = this.policy.rectification.maxWorkingDays;
        const days = Math.min(requested ?? byLevel, max);
        const listedAt = this.input(origin, 'countedFrom', str(origin.data.listedAt) ?? origin.at);
        this.fact('listedAt', WORDS.listedAt, listedAt, origin.seq);
        this.fact('listingLevel', { zh: '挂牌层级', en: 'listing level' }, level, origin.seq);
        let rule: RuleRef;
        if (requested !== null) {
          this.fact('requestedWorkingDays', { zh: '挂牌决定的整改工作日', en: 'working days set by the listing' }, requested, origin.seq);
          rule = this.rule('rectification.maxWorkingDays', {
            zh: `挂牌期限上限 ${max} 个工作日`,
            en: `cap of ${max} working days on a listing deadline`,
          });
        } else {
          const lv = LEVEL_LABELS[level as LevelAbove] ?? { zh: level, en: level };
          rule = this.rule(`rectification.byListingLevel.${level}`, {
            zh: `${lv.zh}级挂牌整改 ${byLevel} 个工作日`,
            en: `${byLevel} working days for a ${lv.en} listing`,
          });
        }
        const recorded = str(origin.data.rectificationDeadline);
        const c = this.compute({
          key: 'rectificationDeadline',
          label: DEADLINE_LABELS.rectification,
          rule,
          from: listedAt,
          fromLabel: WORDS.fromListing,
          days,
          recorded,
        });
        return this.rectificationSet(c, origin.seq);
      }
      case 'extension.approved': {
        const counted = this.rectificationDeadline(origin.seq); // how the previous deadline came about
        const previous = str(origin.data.previousDeadline) ?? counted;
        const days = num(origin.data.approvedWorkingDays) ?? 0;
        this.fact('extensionWorkingDays', { zh: '批准延期工作日', en: 'working days of extension approved' }, days, origin.seq);
        const approvedSoFar = num(origin.data.extensionCount);
        this.fact('extensionCount', { zh: '已批准延期次数', en: 'extensions approved so far' }, approvedSoFar, origin.seq);
        const rule = this.rule('extension.maxWorkingDaysPerExtension', {
          zh: `每次延期不超过 ${this.policy.extension.maxWorkingDaysPerExtension} 个工作日`,
          en: `at most ${this.policy.extension.maxWorkingDaysPerExtension} working days per extension`,
        });
        if (!previous) return str(origin.data.newDeadline);
        const c = this.compute({
          key: `rectificationDeadline@${origin.seq}`,
          label: { zh: '延期后的整改期限', en: 'rectification deadline after extension' },
          rule,
          from: previous,
          fromLabel: { zh: '原期限', en: 'previous deadline' },
          days,
          recorded: str(origin.data.newDeadline),
        });
        return this.rectificationSet(c, origin.seq);
      }
      case 'graded': {
        const mode = str(origin.data.generalMode) === 'short' ? 'short' : 'immediate';
        const path = mode === 'short' ? 'rectification.general.shortWorkingDays' : 'rectification.general.immediateWorkingDays';
        const days = valueAt(this.policy, path) as number;
        this.fact('generalMode', { zh: '整改方式', en: 'general mode' }, mode, origin.seq);
        const rule = this.rule(
          path,
          mode === 'short'
            ? { zh: `一般隐患限期整改 ${days} 个工作日`, en: `general hazard, short deadline: ${days} working days` }
            : { zh: `一般隐患立即整改，${days} 个工作日内`, en: `general hazard, fix immediately: within ${days} working days` },
        );
        const from = this.input(origin, 'countedFrom', origin.at);
        this.fact('gradedAt', { zh: '定级时间', en: 'graded at' }, origin.at, origin.seq);
        const recorded = str(origin.data.rectificationDeadline);
        const c = this.compute({
          key: 'rectificationDeadline',
          label: DEADLINE_LABELS.rectification,
          rule,
          from,
          fromLabel: { zh: '定级', en: 'grading at' },
          days,
          recorded,
        });
        return this.rectificationSet(c, origin.seq);
      }
      default: {
        const moved = this.movedRectification(origin)!;
        this.fact(
          'rectificationDeadline',
          { zh: '日历变更后重算的整改期限', en: 'rectification deadline recounted after a calendar change' },
          moved,
          origin.seq,
        );
        this.fact('calendarVersion', { zh: '日历版本', en: 'calendar version' }, num(origin.data.calendarVersion), origin.seq);
        return moved;
      }
    }
  }

  private movedRectification(h: HistoryStep): string | null {
    const moved = (Array.isArray(h.data.moved) ? h.data.moved : []) as { kind?: string; to?: string }[];
    return str(moved.find((m) => m.kind === 'rectification')?.to);
  }

  /** 治理方案 due: the listing plus the policy's working days. */
  private planDue(listed: HistoryStep): Computation {
    const days = this.policy.plan.dueWorkingDaysAfterListing;
    const rule = this.rule('plan.dueWorkingDaysAfterListing', {
      zh: `挂牌后 ${days} 个工作日内提交治理方案`,
      en: `plan due ${days} working days after listing`,
    });
    const from = this.input(listed, 'countedFrom', str(listed.data.listedAt) ?? listed.at);
    this.fact('listedAt', WORDS.listedAt, from, listed.seq);
    const recorded = str(listed.data.planDue);
    const c = this.compute({ key: 'planDue', label: DEADLINE_LABELS.plan, rule, from, fromLabel: WORDS.fromListing, days, recorded });
    this.fact('planDue', DEADLINE_LABELS.plan, this.settled(c), listed.seq);
    return c;
  }

  /** The review window opened by a submission, a passed level, or an escalation of a missed one. */
  private reviewWindow(opener: HistoryStep): Computation {
    const w = this.policy.review.window;
    const rule = this.rule(
      'review.window',
      w.unit === 'calendar'
        ? { zh: `申请后 ${w.days} 日内复核（自然日，令第16号第23条）`, en: `review within ${w.days} calendar days (order 16 art 23)` }
        : { zh: `${w.days} 个工作日内复核`, en: `review within ${w.days} working days` },
    );
    const from = this.input(opener, 'countedFrom', opener.at);
    const what =
      opener.step === 'completion.submitted'
        ? { zh: '申请销号', en: 'completion submitted at' }
        : opener.step === 'review.passed'
          ? { zh: '上一级复核通过', en: 'previous level passed at' }
          : { zh: '复核超期提级', en: 'escalated at' };
    this.fact('reviewWindowOpened', { zh: '复核期限起算', en: 'review window opened' }, from, opener.seq);
    const level = str(opener.data.escalatedTo) ?? str(opener.data.level);
    if (level) this.fact('reviewLevel', { zh: '复核层级', en: 'review level' }, level, opener.seq);
    const recorded = str(opener.data.reviewDue);
    return this.compute({
      key: `reviewDue@${opener.seq}`,
      label: DEADLINE_LABELS.review,
      rule,
      from,
      fromLabel: what,
      days: w.days,
      unit: w.unit,
      recorded,
    });
  }

  private extensionDecisionWindow(requested: HistoryStep): Computation {
    const days = this.policy.extension.decisionWindowWorkingDays;
    const rule = this.rule('extension.decisionWindowWorkingDays', {
      zh: `${days} 个工作日内答复延期申请`,
      en: `extension decided within ${days} working days`,
    });
    const from = this.input(requested, 'countedFrom', requested.at);
    this.fact('extensionRequestedAt', { zh: '延期申请时间', en: 'extension requested at' }, from, requested.seq);
    const requestedDays = num(requested.data.workingDays);
    this.fact('extensionWorkingDaysRequested', { zh: '申请延期工作日', en: 'working days requested' }, requestedDays, requested.seq);
    return this.compute({
      key: `extensionDecisionDue@${requested.seq}`,
      label: DEADLINE_LABELS.extensionDecision,
      rule,
      from,
      fromLabel: { zh: '申请', en: 'request at' },
      days,
      recorded: str(requested.data.decisionDue),
    });
  }

  /** A decision the regulator owes (定级, 挂牌, 方案审核): opened by `opener`, or counted from `from` when recorded. */
  private decisionWindow(decision: Decision, opener: HistoryStep | undefined, from?: string | null): Computation | null {
    const rule = this.policy.decisions?.[decision];
    if (!rule || !opener) return null;
    const d = DECISIONS[decision];
    const ref = this.rule(`decisions.${decision}.dueWorkingDays`, {
      zh: `${d.zh}须在 ${rule.dueWorkingDays} 个工作日内作出`,
      en: `${d.en} due within ${rule.dueWorkingDays} working days`,
    });
    const start = from ?? this.input(opener, 'countedFrom', opener.at);
    this.fact(`${decision}Opened`, { zh: `${d.zh}期限起算`, en: `${d.en} window opened` }, start, opener.seq);
    return this.compute({
      key: `${decision}Due`,
      label: DEADLINE_LABELS[d.reminder],
      rule: ref,
      from: start,
      fromLabel: { zh: '起算', en: 'from' },
      days: rule.dueWorkingDays,
      recorded: str(opener.data.decisionDue),
    });
  }

  /** The deadline-set explanation of a step that opens a decision window (定级, 挂牌, 方案审核). */
  private decisionDeadline(decision: Decision): Title | null {
    const d = DECISIONS[decision];
    return this.decisionWindow(decision, this.target) ? { zh: d.titleZh, en: `${d.en} deadline`, kind: 'deadline_set' } : null;
  }

  // ---- the alarm steps

  private escalation(): Title | null {
    const t = this.target;
    const d = t.data;
    const alarmAt = str(d.alarmAt);
    if (alarmAt) this.recorded = true;
    const kind = str(d.kind) ?? (num(d.stage) !== null ? 'overdue_ladder' : null);
    switch (kind) {
      case 'overdue_ladder': {
        const stage = num(d.stage)!;
        const action = str(d.action) as EscalationAction;
        const general = this.grade() === 'general';
        const path = `${general ? 'escalation.generalLadder' : 'escalation.ladder'}[${stage - 1}]`;
        const n = num(d.afterOverdueWorkingDays) ?? (valueAt(this.policy, `${path}.afterOverdueWorkingDays`) as number);
        const label = ESCALATION_ACTION_LABELS[action] ?? { zh: String(action), en: String(action) };
        const rule = this.rule(path, {
          zh: `逾期满 ${n} 个工作日：第${stage}级 ${label.zh}`,
          en: `stage ${stage}'s threshold ${n} working days overdue: ${label.en}`,
        });
        const counted = this.rectificationDeadline(t.seq);
        const deadline = str(d.rectificationDeadline) ?? counted;
        if (!deadline) return null;
        this.fact(
          'rectificationDeadlineAtStage',
          { zh: '升级时的整改期限', en: 'rectification deadline when the stage fired' },
          deadline,
          t.seq,
        );
        this.fact('stage', { zh: '督办阶段', en: 'stage' }, stage, t.seq);
        this.fact('action', { zh: '措施', en: 'action' }, label.zh, t.seq);
        if (str(d.relistedFrom)) this.fact('relistedFrom', { zh: '原挂牌层级', en: 'relisted from' }, str(d.relistedFrom), t.seq);
        this.overdueSince = deadline;
        const stageLabel = { zh: `第${stage}级升级时间`, en: `stage ${stage} due` };
        this.compute({
          key: 'stageAt',
          label: stageLabel,
          rule,
          from: deadline,
          fromLabel: WORDS.fromDeadline,
          days: n,
          recorded: alarmAt,
        });
        return { zh: `逾期第${stage}级：${label.zh}`, en: `overdue stage ${stage}: ${label.en}`, kind: 'overdue_ladder' };
      }
      case 'plan_overdue': {
        const listed = this.before(['listed'], t.seq);
        if (!listed) return null;
        const c = this.planDue(listed);
        this.overdueSince = this.settled(c);
        return { zh: '治理方案逾期未提交', en: 'plan overdue', kind: 'plan_overdue' };
      }
      case 'review_window_missed': {
        const escalated = str(d.missedBy) !== null;
        const opener = escalated
          ? this.before(['escalation'], t.seq, (h) => h.data.kind === 'review_window_missed')
          : this.before(['completion.submitted', 'review.passed'], t.seq);
        if (!opener) return null;
        const c = this.reviewWindow(opener);
        this.overdueSince = alarmAt ?? this.settled(c);
        const missed = str(d.missedBy) ?? str(d.level) ?? '';
        const lv = LEVEL_LABELS[missed as LevelAbove] ?? { zh: missed, en: missed };
        this.fact('missedBy', { zh: '超期的复核层级', en: 'level that missed its window' }, missed, t.seq);
        this.fact('escalatedTo', WORDS.escalatedTo, str(d.escalatedTo), t.seq);
        this.rule('review.missedWindow', { zh: '复核超期提级至上一级（一岗双责）', en: 'a missed review is escalated to the level above' });
        return { zh: `${lv.zh}级复核超期，提级`, en: `${lv.en} review window missed: escalated`, kind: 'review_window_missed' };
      }
      case 'extension_decision_overdue': {
        const requested = this.before(['extension.requested'], t.seq);
        if (!requested) return null;
        const c = this.extensionDecisionWindow(requested);
        this.overdueSince = alarmAt ?? this.settled(c);
        return { zh: '延期申请超期未答复', en: 'extension decision overdue', kind: 'extension_decision_overdue' };
      }
      case 'grading_overdue':
      case 'listing_overdue':
      case 'plan_decision_overdue': {
        const decision = decisionBy('escalation', kind)!;
        const c = this.decisionWindow(decision, this.before([DECISIONS[decision].opener], t.seq), str(d.countedFrom));
        if (!c) return null;
        if (alarmAt) {
          c.recorded = alarmAt;
          c.matchesRecord = sameMinute(alarmAt, c.count.to);
        }
        this.overdueSince = this.settled(c);
        this.fact('owedBy', { zh: '应作出决定的层级', en: 'level that owed the decision' }, str(d.level), t.seq);
        this.fact('escalatedTo', WORDS.escalatedTo, str(d.escalatedTo), t.seq);
        return { zh: `${DECISIONS[decision].zh}逾期，提级`, en: `${DECISIONS[decision].en} overdue: escalated`, kind: 'decision_overdue' };
      }
      case 'interview_overdue': {
        // 约谈 (issue 18): ordered by a ladder stage, to be held within the policy's working days.
        const dueAt = str(d.dueAt);
        const stage = num(d.stage);
        const ordered = this.before(
          ['escalation'],
          t.seq,
          (h) => num(h.data.stage) === stage && (h.data.kind === undefined || h.data.kind === 'overdue_ladder'),
        );
        if (!dueAt || !ordered) return null;
        const n = this.policy.interview?.holdWithinWorkingDays;
        if (n === undefined) return null;
        const rule = this.rule('interview.holdWithinWorkingDays', {
          zh: `责令约谈后 ${n} 个工作日内举行`,
          en: `an interview is held within ${n} working days of being ordered`,
        });
        this.fact('orderedAt', { zh: '责令约谈时间', en: 'interview ordered at' }, ordered.at, ordered.seq);
        this.fact('level', { zh: '组织约谈的层级', en: 'level that conducts it' }, str(d.level), t.seq);
        this.fact('escalatedTo', WORDS.escalatedTo, str(d.escalatedTo), t.seq);
        const from = ordered.at;
        const fromLabel = { zh: '责令约谈', en: 'interview ordered' };
        const c = this.compute({
          key: 'interviewDue',
          label: DEADLINE_LABELS.interview,
          rule,
          from,
          fromLabel,
          days: n,
          recorded: alarmAt ?? dueAt,
        });
        this.overdueSince = this.settled(c);
        return { zh: '约谈逾期未举行，提级', en: 'interview not held in time: escalated', kind: 'interview_overdue' };
      }
      case 'publication_overdue': {
        // 挂牌/摘牌公告 (issue 18): published within the policy's working days of being issued.
        const dueAt = str(d.dueAt);
        if (!dueAt) return null;
        const path = d.notice === 'listing_notice' ? 'publication.listingWithinWorkingDays' : 'publication.closureWithinWorkingDays';
        const n = valueAt(this.policy, path) as number | undefined;
        this.rule(path, {
          zh: `公告应在 ${n ?? '?'} 个工作日内公布`,
          en: `a notice is published within ${n ?? '?'} working days`,
        });
        this.fact('dueAt', { zh: '公布期限', en: 'publication due' }, dueAt, t.seq);
        this.fact('number', { zh: '公告文号', en: 'notice number' }, str(d.number), t.seq);
        this.fact('escalatedTo', WORDS.escalatedTo, str(d.escalatedTo), t.seq);
        this.overdueSince = dueAt;
        return { zh: '公告逾期未公布，提级', en: 'notice not published in time: escalated', kind: 'publication_overdue' };
      }
      default:
        return null;
    }
  }

  private tracing(): Title | null {
    const t = this.target;
    const n = num(t.data.afterOverdueWorkingDays) ?? this.policy.accountability.tracing.afterOverdueWorkingDays;
    const rule = this.rule('accountability.tracing.afterOverdueWorkingDays', {
      zh: `逾期满 ${n} 个工作日责任倒查`,
      en: `responsibility traced after ${n} working days overdue`,
    });
    const deadline = this.rectificationDeadline(t.seq);
    if (!deadline) return null;
    this.grade();
    this.overdueSince = deadline;
    const alarmAt = str(t.data.alarmAt);
    if (alarmAt) this.recorded = true;
    const label = { zh: '责任倒查时间', en: 'tracing due' };
    this.compute({ key: 'tracingAt', label, rule, from: deadline, fromLabel: WORDS.fromDeadline, days: n, recorded: alarmAt });
    return { zh: '长期逾期，责任倒查', en: 'long overdue: responsibility traced', kind: 'tracing_overdue' };
  }

  private reminder(): Title | null {
    const t = this.target;
    const d = t.data;
    const which = str(d.deadline);
    const dueAt = str(d.dueAt);
    const daysBefore = num(d.daysBefore);
    if (!which || !dueAt || daysBefore === null) return null;
    const alarmAt = str(d.alarmAt);
    if (alarmAt) this.recorded = true;
    let path: string;
    let what: Label;
    switch (which) {
      case 'plan': {
        path = 'reminders.planDue';
        what = DEADLINE_LABELS.plan;
        const listed = this.before(['listed'], t.seq);
        if (listed) this.planDue(listed);
        break;
      }
      case 'rectification':
        path = this.grade() === 'general' ? 'reminders.generalRectificationDue' : 'reminders.rectificationDue';
        what = DEADLINE_LABELS.rectification;
        this.rectificationDeadline(t.seq);
        break;
      case 'review': {
        path = 'reminders.reviewDue';
        what = DEADLINE_LABELS.review;
        const opener = this.before(['completion.submitted', 'review.passed'], t.seq);
        if (opener) this.reviewWindow(opener);
        break;
      }
      case 'interview':
        path = 'interview.reminders';
        what = DEADLINE_LABELS.interview;
        break;
      case 'publication':
        path = 'publication.reminders';
        what = DEADLINE_LABELS.publication;
        break;
      default: {
        const decision = decisionBy('reminder', which);
        if (!decision) return null;
        path = `decisions.${decision}.reminders`;
        what = DEADLINE_LABELS[DECISIONS[decision].reminder];
        this.decisionWindow(decision, this.before([DECISIONS[decision].opener], t.seq), str(d.countedFrom));
      }
    }
    const list = (valueAt(this.policy, path) as number[] | undefined) ?? [];
    const i = list.indexOf(daysBefore);
    const rule = this.rule(i >= 0 ? `${path}[${i}]` : path, {
      zh: `期限前 ${daysBefore} 个工作日提醒`,
      en: `reminder ${daysBefore} working days before the deadline`,
    });
    this.fact('dueAt', { zh: `提醒所指的${what.zh}`, en: `the ${what.en} reminded of` }, dueAt, t.seq);
    this.fact('daysBefore', { zh: '提前工作日', en: 'working days before' }, daysBefore, t.seq);
    const label = { zh: '提醒时间', en: 'reminder due' };
    this.compute({ key: 'reminderAt', label, rule, from: dueAt, fromLabel: what, days: -daysBefore, recorded: alarmAt });
    return {
      zh: `${what.zh}临近提醒（提前 ${daysBefore} 个工作日）`,
      en: `reminder: ${what.en} in ${daysBefore} working days`,
      kind: 'reminder',
    };
  }
}
