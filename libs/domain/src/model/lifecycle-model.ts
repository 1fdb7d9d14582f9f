import type { Actor } from '../hazard/actor';
import type { HazardStatus } from '../hazard/hazard-status';
import type { Grade, ListingLevel } from '../hazard/vocabulary';
import type { Policy } from '../policy/policy.schema';

/**
 * A reference model of the hazard lifecycle, written from the domain rules (shared/domain.md and
 * the policy data), not from the workflow: the property tests drive random actions through both
 * and compare. It keeps only what people can observe: status, deadlines, the steps written, the
 * escalations raised, who may act. Pure: time is passed in, working days come from a calendar.
 */
export type ModelAction =
  | { kind: 'grade'; actor: Actor; grade: Grade }
  | { kind: 'list'; actor: Actor; level: ListingLevel }
  | { kind: 'submitPlan'; actor: Actor; productionStopped: boolean }
  | { kind: 'decidePlan'; actor: Actor; decision: 'approve' | 'return' }
  | { kind: 'requestExtension'; actor: Actor; workingDays: number }
  | { kind: 'decideExtension'; actor: Actor; decision: 'approve' | 'refuse' }
  | { kind: 'submitCompletion'; actor: Actor }
  | { kind: 'review'; actor: Actor; result: 'pass' | 'reject' }
  | { kind: 'withdraw'; actor: Actor }
  | { kind: 'productionStop'; actor: Actor; action: 'ordered' | 'lifted' }
  | { kind: 'linkAccident'; actor: Actor; occurredAt: number }
  | { kind: 'recordPenalty'; actor: Actor; decidedAt: number };

type Level = ListingLevel | 'province';
const RANK: Record<Level, number> = { township: 0, county: 1, city: 2, province: 3 };
const above = (l: Level): Level => (['county', 'city', 'province', 'province'] as const)[RANK[l]];
const DAY_MS = 24 * 3600 * 1000;

/** A moment the model waits for. `fire` answers whether it wrote a step. */
interface Timer {
  at: number;
  order: number;
  label: string;
  armed: (m: LifecycleModel) => boolean;
  fire: (m: LifecycleModel, now: number) => boolean;
}

export interface ModelEscalation {
  kind: string;
  at: number;
  stage?: number;
  escalatedTo?: Level;
}

export interface Calendar {
  addWorkingDays(t: number, n: number): Date;
}

export class LifecycleModel {
  status: HazardStatus = 'reported';
  grade: Grade | null = null;
  listingLevel: ListingLevel | null = null;
  /** The level of the listing when it was made (the deadline is counted from it). */
  listedLevel: ListingLevel | null = null;
  steps = 1;
  planDue: number | null = null;
  rectification: number | null = null;
  cutoff: number | null = null;
  decisionDue: number | null = null;
  extensionDecisionDue: number | null = null;
  approvedExtensions: number[] = [];
  pendingExtension: { days: number; index: number } | null = null;
  extensionRequests = 0;
  planDecisions = 0;
  review: {
    round: number;
    levels: (ListingLevel | 'verification')[];
    index: number;
    dueAt: number | null;
    escalatedTo: Level | null;
  } | null = null;
  completions = 0;
  rejections = 0;
  escalationStage = 0;
  traced = false;
  stopped = false;
  stopLevel: ListingLevel | null = null;
  heavier = false;
  penalties: number[] = [];
  closureRecommended = false;
  escalations: ModelEscalation[] = [];
  /** When each status began: decides 从重 by the accident's time. */
  history: { at: number; status: HazardStatus }[];
  private timers: Timer[] = [];
  private order = 0;
  private clock: number;

  constructor(
    readonly policy: Policy,
    readonly calendar: Calendar,
    readonly hazard: { enterpriseId: string; jurisdictionPath: string[] },
    readonly reportedAt: number,
  ) {
    this.history = [{ at: reportedAt, status: 'reported' }];
    this.clock = reportedAt;
    this.owe('grading', 'township', reportedAt);
  }

  get open(): boolean {
    return this.status !== 'closed' && this.status !== 'withdrawn';
  }

  private get running(): boolean {
    return this.status === 'listed' || this.status === 'plan_submitted' || this.status === 'rectifying';
  }

  /** The deadline that runs now, as the read model shows it. */
  get currentDeadline(): number | null {
    if (this.status === 'listed') return this.planDue;
    if (this.status === 'plan_submitted' || this.status === 'rectifying') return this.rectification;
    if (this.status === 'submitted') return this.review?.dueAt ?? null;
    return null;
  }

  /** Every instant a timer or a cutoff falls on: a test keeps its time jumps away from them. */
  instants(): number[] {
    return [...this.timers.map((t) => t.at), ...(this.cutoff ? [this.cutoff] : [])];
  }

  private wd(from: number, n: number): number {
    return this.calendar.addWorkingDays(from, n).getTime();
  }

  private timer(at: number, label: string, armed: Timer['armed'], fire: Timer['fire']): void {
    this.timers.push({ at, order: this.order++, label, armed, fire });
  }

  private move(status: HazardStatus, at: number): void {
    this.status = status;
    this.history.push({ at, status });
  }

  private escalate(e: ModelEscalation): boolean {
    this.escalations.push(e);
    this.steps += 1;
    return true;
  }

  // ---- who may act (domain.md: roles, levels, jurisdiction subtree) -------------------------

  private inPath(a: Actor): boolean {
    return a.jurisdictionId !== undefined && this.hazard.jurisdictionPath.includes(a.jurisdictionId);
  }
  private supervisor(a: Actor): boolean {
    return a.role === 'supervisor' && this.inPath(a);
  }
  private levelOf(a: Actor): ListingLevel | null {
    const l = a.jurisdictionLevel;
    return this.supervisor(a) && (l === 'township' || l === 'county' || l === 'city') ? l : null;
  }
  private atLeast(a: Actor, level: ListingLevel): boolean {
    const own = this.levelOf(a);
    return own !== null && RANK[own] >= RANK[level];
  }
  private ownEnterprise(a: Actor): boolean {
    return a.role === 'enterprise' && a.enterpriseId === this.hazard.enterpriseId;
  }
  /** The listing level decides a listed hazard's plan and extensions; otherwise any supervisor of the path. */
  private decider(a: Actor): boolean {
    return this.grade === 'major' && this.listingLevel ? this.levelOf(a) === this.listingLevel : this.supervisor(a);
  }

  // ---- time ----------------------------------------------------------------------------------

  /**
   * Moves time to `to`: every armed timer due by then fires, soonest first. A timer due while it
   * did not matter waits: if the state makes it matter again (a rejected review puts an overdue
   * hazard back into rectification) it fires then, late.
   */
  advance(to: number): void {
    for (;;) {
      const due = this.timers.filter((t) => t.at <= to && this.open && t.armed(this)).sort((a, b) => a.at - b.at || a.order - b.order)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.clock = Math.max(this.clock, due.at);
      due.fire(this, this.clock);
    }
    this.clock = Math.max(this.clock, to);
  }

  /** A decision the regulator owes (policy `decisions`): reminded, then escalated to the level above. */
  private owe(decision: 'grading' | 'listing' | 'planDecision', owedBy: ListingLevel, now: number): void {
    const rule = this.policy.decisions?.[decision];
    if (!rule) return;
    const round = this.planDecisions + 1;
    const still = (m: LifecycleModel) =>
      decision === 'grading'
        ? m.status === 'reported'
        : decision === 'listing'
          ? m.status === 'awaiting_listing'
          : m.status === 'plan_submitted' && m.planDecisions + 1 === round;
    const dueAt = this.wd(now, rule.dueWorkingDays);
    this.decisionDue = dueAt;
    for (const r of rule.reminders) {
      const at = this.wd(now, rule.dueWorkingDays - r);
      if (at > now)
        this.timer(at, `${decision} reminder`, still, (m, t) =>
          m.decisionDue !== null && m.decisionDue > t ? ((m.steps += 1), true) : false,
        );
    }
    const kind = decision === 'planDecision' ? 'plan_decision_overdue' : `${decision}_overdue`;
    this.timer(dueAt, `${decision} due`, still, (m, t) => m.escalate({ kind, at: t, escalatedTo: above(owedBy) }));
  }

  /**
   * Something the regulator must do within working days of `from` (publish the listing notice, hold
   * the interview): reminded before, escalated to the level above `level` when the window closes.
   * Nothing in the model does it, so its timers stay armed while the hazard is open.
   */
  private windowed(
    what: 'publication' | 'interview',
    days: number | undefined,
    reminders: number[],
    level: ListingLevel,
    from: number,
  ): void {
    if (days === undefined) return;
    const dueAt = this.wd(from, days);
    for (const r of reminders) {
      const at = this.wd(from, days - r);
      if (at > from)
        this.timer(
          at,
          `${what} reminder`,
          (m) => m.open,
          (_m, t) => (dueAt > t ? ((this.steps += 1), true) : false),
        );
    }
    this.timer(
      dueAt,
      `${what} due`,
      (m) => m.open,
      (m, t) => m.escalate({ kind: `${what}_overdue`, at: t, escalatedTo: above(level) }),
    );
  }

  /** The rectification deadline D working days from `from` and everything hanging on it. */
  private scheduleRectification(from: number, days: number, now: number): void {
    const gen = this.grade === 'general';
    this.timers = this.timers.filter((t) => !/^(rectification reminder|ladder|tracing)/.test(t.label));
    this.rectification = this.wd(from, days);
    this.cutoff = this.wd(from, days - this.policy.extension.minWorkingDaysBeforeDeadline);
    const deadline = this.rectification;
    for (const r of gen ? this.policy.reminders.generalRectificationDue : this.policy.reminders.rectificationDue) {
      const at = this.wd(from, days - r);
      if (at > now)
        this.timer(
          at,
          'rectification reminder',
          (m) => m.running,
          (m, t) => (m.rectification! > t ? ((m.steps += 1), true) : false),
        );
    }
    (gen ? this.policy.escalation.generalLadder : this.policy.escalation.ladder).forEach((s, i) => {
      const stage = i + 1;
      if (stage <= this.escalationStage) return;
      this.timer(
        this.wd(from, days + s.afterOverdueWorkingDays),
        `ladder ${stage}`,
        (m) => m.running,
        (m, t) => {
          m.escalationStage = Math.max(m.escalationStage, stage);
          let to: Level | undefined;
          if (s.action === 'relist_up' && m.listingLevel) {
            const target: ListingLevel | null = s.relistTo ?? (m.listingLevel === 'city' ? null : (above(m.listingLevel) as ListingLevel));
            if (target && RANK[target] > RANK[m.listingLevel]) to = m.listingLevel = target;
            else if (m.listingLevel === 'city') to = 'province';
          }
          m.escalate({ kind: 'overdue_ladder', at: t, stage, escalatedTo: to });
          // 约谈 (default-v2 on): held within the policy's window, or escalated to the level above.
          if (s.action === 'interview')
            m.windowed(
              'interview',
              m.policy.interview?.holdWithinWorkingDays,
              m.policy.interview?.reminders ?? [],
              m.listingLevel ?? 'township',
              t,
            );
          return true;
        },
      );
    });
    const m40 = this.policy.accountability.tracing.afterOverdueWorkingDays;
    this.timer(
      this.wd(from, days + m40),
      'tracing',
      (m) => m.running && !m.traced,
      (m) => {
        m.traced = true;
        m.steps += 1;
        return true;
      },
    );
    void deadline;
  }

  /** A review window of `level` (or of the level it was escalated to), its reminders and its escalation. */
  private openReviewWindow(now: number, escalatedTo: Level | null): void {
    const r = this.review!;
    const level = r.levels[r.index];
    const round = r.round;
    const w = this.policy.review.window;
    const dueAt = w.unit === 'calendar' ? now + w.days * DAY_MS : this.wd(now, w.days);
    r.dueAt = dueAt;
    const same = (m: LifecycleModel) => m.status === 'submitted' && m.review?.round === round && m.review.levels[m.review.index] === level;
    if (escalatedTo === null) {
      for (const before of this.policy.reminders.reviewDue) {
        const at = w.unit === 'calendar' ? this.wd(dueAt, -before) : this.wd(now, w.days - before);
        if (at > now) this.timer(at, 'review reminder', same, (m, t) => (m.review!.dueAt! > t ? ((m.steps += 1), true) : false));
      }
    }
    if (this.policy.review.missedWindow !== 'escalate_to_level_above') return;
    this.timer(
      dueAt,
      'review due',
      (m) => same(m) && m.review!.escalatedTo === escalatedTo,
      (m, t) => {
        const missed: Level | 'verification' = escalatedTo ?? level;
        const to: Level = missed === 'verification' ? 'county' : above(missed);
        m.review!.escalatedTo = to;
        if (to !== 'province') m.openReviewWindow(t, to);
        return m.escalate({ kind: 'review_window_missed', at: t, escalatedTo: to });
      },
    );
  }

  // ---- actions -------------------------------------------------------------------------------

  /** Applies a user's action at `now`: accepted (one step written) or refused (nothing changes). */
  apply(a: ModelAction, now: number): boolean {
    this.advance(now);
    const ok = this.allowed(a, now);
    if (!ok) return false;
    this.perform(a, now);
    this.steps += 1;
    this.advance(now); // what the action made matter again, and is already due, fires now
    return true;
  }

  private allowed(a: ModelAction, now: number): boolean {
    const actor = a.actor;
    if (!this.open) return false;
    switch (a.kind) {
      case 'grade':
        return (
          this.status === 'reported' &&
          (actor.role === 'supervisor' || actor.role === 'grid_inspector') &&
          this.inPath(actor) &&
          (a.grade === 'general' || actor.role === 'supervisor')
        );
      case 'list':
        return this.status === 'awaiting_listing' && this.supervisor(actor) && actor.jurisdictionLevel === a.level;
      case 'submitPlan':
        return this.status === 'listed' && this.ownEnterprise(actor);
      case 'decidePlan':
        return this.status === 'plan_submitted' && this.decider(actor);
      case 'requestExtension': {
        if (!this.running || !this.ownEnterprise(actor)) return false;
        const rule = this.policy.extension;
        if (a.workingDays < 1 || a.workingDays > rule.maxWorkingDaysPerExtension) return false;
        if (this.rectification === null || this.pendingExtension || this.approvedExtensions.length >= rule.maxCount) return false;
        const base =
          this.grade === 'general'
            ? this.policy.rectification.general.immediateWorkingDays
            : this.policy.rectification.byListingLevel[this.listedLevel!];
        const used = base + this.approvedExtensions.reduce((x, y) => x + y, 0);
        if (a.workingDays > this.policy.rectification.maxWorkingDays - used) return false;
        return now <= this.cutoff!;
      }
      case 'decideExtension':
        return this.running && this.pendingExtension !== null && this.decider(actor);
      case 'submitCompletion':
        return this.status === 'rectifying' && this.ownEnterprise(actor);
      case 'review': {
        if (this.status !== 'submitted' || !this.review) return false;
        const level = this.review.levels[this.review.index];
        if (level === 'verification')
          return (this.policy.review.general.verifierRoles as string[]).includes(actor.role) && this.inPath(actor);
        if (this.levelOf(actor) === level) return true;
        const own = this.levelOf(actor);
        const esc = this.review.escalatedTo;
        return own !== null && esc !== null && RANK[own] >= RANK[level] && RANK[esc] >= RANK[own];
      }
      case 'withdraw':
        return this.supervisor(actor) && (!this.listingLevel || this.atLeast(actor, this.listingLevel));
      case 'productionStop':
        if (a.action === 'ordered') return (this.supervisor(actor) || this.ownEnterprise(actor)) && !this.stopped;
        return this.supervisor(actor) && this.stopped && (!this.stopLevel || this.atLeast(actor, this.stopLevel));
      case 'linkAccident':
        return this.supervisor(actor) && a.occurredAt <= now;
      case 'recordPenalty':
        return this.supervisor(actor) && a.decidedAt <= now;
    }
  }

  private perform(a: ModelAction, now: number): void {
    switch (a.kind) {
      case 'grade':
        this.grade = a.grade;
        if (a.grade === 'general') {
          this.move('rectifying', now);
          this.scheduleRectification(now, this.policy.rectification.general.immediateWorkingDays, now);
        } else {
          this.move('awaiting_listing', now);
          const l = a.actor.jurisdictionLevel;
          this.owe('listing', l === 'county' || l === 'city' ? l : 'township', now);
        }
        return;
      case 'list': {
        this.listingLevel = this.listedLevel = a.level;
        this.move('listed', now);
        const p = this.policy.plan.dueWorkingDaysAfterListing;
        this.planDue = this.wd(now, p);
        this.timers = this.timers.filter((t) => !t.label.startsWith('plan'));
        for (const r of this.policy.reminders.planDue) {
          const at = this.wd(now, p - r);
          if (at > now)
            this.timer(
              at,
              'plan reminder',
              (m) => m.status === 'listed',
              (m, t) => (m.planDue! > t ? ((m.steps += 1), true) : false),
            );
        }
        this.timer(
          this.planDue,
          'plan due',
          (m) => m.status === 'listed',
          (m, t) => m.escalate({ kind: 'plan_overdue', at: t, escalatedTo: m.listingLevel ?? undefined }),
        );
        this.scheduleRectification(now, this.policy.rectification.byListingLevel[a.level], now);
        // 挂牌公告 (default-v2 on): published within the policy's window, or escalated to the level above.
        if (this.policy.documents && this.policy.publication.reminders) {
          this.windowed('publication', this.policy.publication.listingWithinWorkingDays, this.policy.publication.reminders, a.level, now);
        }
        return;
      }
      case 'submitPlan':
        this.move('plan_submitted', now);
        if (a.productionStopped && !this.stopped) {
          this.stopped = true;
          this.stopLevel = null;
        }
        this.owe('planDecision', this.listingLevel!, now);
        return;
      case 'decidePlan':
        this.planDecisions += 1;
        this.move(a.decision === 'approve' ? 'rectifying' : 'listed', now);
        return;
      case 'requestExtension': {
        const index = this.extensionRequests++;
        this.pendingExtension = { days: a.workingDays, index };
        this.extensionDecisionDue = this.wd(now, this.policy.extension.decisionWindowWorkingDays);
        this.timer(
          this.extensionDecisionDue,
          'extension decision due',
          (m) => m.running && m.pendingExtension?.index === index,
          (m, t) =>
            m.escalate({ kind: 'extension_decision_overdue', at: t, escalatedTo: m.listingLevel ? above(m.listingLevel) : 'county' }),
        );
        return;
      }
      case 'decideExtension': {
        const days = this.pendingExtension!.days;
        this.pendingExtension = null;
        this.extensionDecisionDue = null;
        if (a.decision === 'approve') {
          this.approvedExtensions.push(days);
          this.scheduleRectification(this.rectification!, days, now);
          if (this.approvedExtensions.length === this.policy.extension.escalateAtCount) {
            this.escalations.push({
              kind: 'repeated_extension',
              at: now,
              escalatedTo: this.listingLevel ? above(this.listingLevel) : 'county',
            });
          }
        }
        return;
      }
      case 'submitCompletion': {
        this.completions += 1;
        this.move('submitted', now);
        const levels =
          this.grade === 'general' || !this.listingLevel
            ? ['verification' as const]
            : [...this.policy.review.levelsByListingLevel[this.listingLevel]];
        this.review = { round: this.completions, levels, index: 0, dueAt: null, escalatedTo: null };
        this.openReviewWindow(now, null);
        return;
      }
      case 'review': {
        const r = this.review!;
        if (a.result === 'reject') {
          this.rejections += 1;
          this.review = null;
          this.move('rectifying', now);
          if (!this.traced && this.rejections >= this.policy.accountability.tracing.afterRejections) this.traced = true;
        } else if (r.index + 1 < r.levels.length) {
          r.index += 1;
          r.escalatedTo = null;
          this.openReviewWindow(now, null);
        } else {
          this.move('closed', now);
        }
        return;
      }
      case 'withdraw':
        this.move('withdrawn', now);
        return;
      case 'productionStop':
        this.stopped = a.action === 'ordered';
        if (a.action === 'ordered') this.stopLevel = a.actor.role === 'supervisor' ? this.levelOf(a.actor) : null;
        return;
      case 'linkAccident': {
        const then = [...this.history].reverse().find((h) => h.at <= a.occurredAt)?.status ?? null;
        const rule = this.policy.accountability.accidentDuringRectification;
        if (rule.heavier && then !== null && (rule.statuses as string[]).includes(then)) {
          this.heavier = true;
          this.traced = true;
        }
        return;
      }
      case 'recordPenalty': {
        this.penalties.push(a.decidedAt);
        if (this.grade === null || !this.policy.accountability.art113.grades.includes(this.grade) || this.closureRecommended) return;
        const times = [...this.penalties].sort((x, y) => x - y);
        this.closureRecommended = this.policy.accountability.art113.thresholds.some((t) =>
          times.some((end) => times.filter((x) => x <= end && x >= end - t.withinDays * DAY_MS).length >= t.penalties),
        );
        return;
      }
    }
  }
}
