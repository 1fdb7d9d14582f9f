import notice2026 from '../calendar/data/notices/2026.json';
import { BUNDLED_NOTICES } from '../calendar/bundled-notices';
import { DEFAULT_POLICY } from '../policy/default-policy';
import { explainStep } from './explain-step';
import type { HistoryStep } from './explanation.types';
import { namedCalendar } from './named-calendar';

/**
 * Each alarm kind's explanation, checked against an independent count: the 2026 State Council
 * notice read here as plain data, and a date walk written for this test (not the engine's
 * calendar), so a wrong count in either shows up as a difference.
 */
const cal = namedCalendar(BUNDLED_NOTICES);
const policy = DEFAULT_POLICY;

const DAY = 24 * 3600 * 1000;
const restDates = new Set<string>();
for (const h of notice2026.holidays)
  for (let d = Date.parse(`${h.from}T00:00:00Z`); d <= Date.parse(`${h.to}T00:00:00Z`); d += DAY)
    restDates.add(new Date(d).toISOString().slice(0, 10));
const workDates = new Set(notice2026.makeUpWorkdays.map((m) => m.date));
/** Independent: is a 2026 Shanghai date a working day (make-up day > holiday > Mon–Fri). */
function works(date: string): boolean {
  if (workDates.has(date)) return true;
  if (restDates.has(date)) return false;
  const wd = new Date(`${date}T12:00:00Z`).getUTCDay();
  return wd >= 1 && wd <= 5;
}
/** Independent: `n` working days from a Shanghai wall time "2026-03-02 09:00", as Shanghai wall time. */
function wd(wall: string, n: number): string {
  const [first, time] = wall.split(' ');
  let date = first;
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n); left > 0;) {
    date = new Date(Date.parse(`${date}T00:00:00Z`) + step * DAY).toISOString().slice(0, 10);
    if (works(date)) left -= 1;
  }
  return `${date} ${time}`;
}
/** Shanghai wall time → ISO instant. */
const at = (wall: string) => new Date(Date.parse(`${wall.replace(' ', 'T')}:00+08:00`)).toISOString();
const wall = (iso: string) => new Date(Date.parse(iso) + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');

const V = policy.version;
const step = (seq: number, name: string, when: string, data: Record<string, unknown> = {}): HistoryStep => ({
  seq,
  step: name,
  at: at(when),
  policyVersion: V,
  data,
});

// A county-listed major hazard: reported, graded major, listed on Monday 2 March 2026 at 09:00.
const LISTED = '2026-03-02 09:00';
const DEADLINE = wd(LISTED, 90); // county: 90 working days
const PLAN_DUE = wd(LISTED, 10);
function majorHistory(): HistoryStep[] {
  return [
    step(1, 'reported', '2026-02-26 10:00', { location: '2号储罐区' }),
    step(2, 'graded', '2026-02-27 10:00', { grade: 'major' }),
    step(3, 'listed', LISTED, { level: 'county', listedAt: at(LISTED), planDue: at(PLAN_DUE), rectificationDeadline: at(DEADLINE) }),
  ];
}

describe('为什么？ each alarm kind is explained with numbers an independent count agrees with', () => {
  it('the listing itself: 90 working days from the listing, skipping 清明、劳动节、端午 and counting the 劳动节 make-up Saturday', () => {
    const e = explainStep(majorHistory(), 3, policy, cal)!;
    const c = e.computations.find((x) => x.key === 'rectificationDeadline')!;
    expect(wall(c.count.to)).toBe(DEADLINE);
    expect(DEADLINE).toBe('2026-07-10 09:00');
    expect(c.rule).toMatchObject({ policyVersion: V, path: 'rectification.byListingLevel.county', value: 90 });
    expect([...new Set(c.count.holidaysSkipped.map((h) => h.name))]).toEqual([
      '清明节 Qingming',
      '劳动节 Labour Day',
      '端午节 Dragon Boat',
    ]);
    // Only the rest days that fall on weekdays lengthen the count; the notice's weekend holidays are holidays too.
    expect(c.count.holidaysSkipped.map((h) => h.date)).toEqual(
      [...restDates].filter((d) => d > '2026-03-02' && d <= DEADLINE.slice(0, 10)).sort(),
    );
    expect(c.count.makeUpDaysCounted).toEqual([{ date: '2026-05-09', name: '劳动节 Labour Day' }]);
    expect(c.matchesRecord).toBe(true);
    expect(e.facts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'listedAt', seq: 3 }),
        expect.objectContaining({ key: 'listingLevel', value: 'county', seq: 3 }),
      ]),
    );
    expect(e.textZh.join('\n')).toContain('挂牌 2026-03-02 09:00 + 90 个工作日');
    expect(e.textZh.join('\n')).toContain('= 2026-07-10 09:00');
    expect(e.textEn.join('\n')).toContain('skipping holidays: Qingming');
  });

  it('ladder: stage 3 (约谈) fires 10 working days after the deadline; overdue since the deadline', () => {
    const fired = wd(DEADLINE, 10);
    const h = [
      ...majorHistory(),
      step(4, 'escalation', fired, { stage: 3, action: 'interview', afterOverdueWorkingDays: 10, rectificationDeadline: at(DEADLINE) }),
    ];
    const e = explainStep(h, 4, policy, cal)!;
    expect(e.kind).toBe('overdue_ladder');
    expect(e.rules[0]).toMatchObject({ path: 'escalation.ladder[2]', value: { afterOverdueWorkingDays: 10, action: 'interview' } });
    expect(wall(e.overdueSince!)).toBe(DEADLINE);
    expect(wall(e.computations.find((c) => c.key === 'stageAt')!.count.to)).toBe(fired);
    expect(e.facts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'rectificationDeadline', seq: 3 }),
        expect.objectContaining({ key: 'stage', value: 3, seq: 4 }),
      ]),
    );
    expect(e.inputs).toBe('recomputed');
  });

  it('tracing_overdue: 责任倒查 40 working days after the deadline', () => {
    const fired = wd(DEADLINE, 40);
    const h = [
      ...majorHistory(),
      step(4, 'accountability.traced', fired, { trigger: 'overdue', afterOverdueWorkingDays: 40, alarmAt: at(fired) }),
    ];
    const e = explainStep(h, 4, policy, cal)!;
    expect(e.rules[0]).toMatchObject({ path: 'accountability.tracing.afterOverdueWorkingDays', value: 40 });
    const c = e.computations.find((x) => x.key === 'tracingAt')!;
    expect(wall(c.count.to)).toBe(fired);
    expect(c.matchesRecord).toBe(true);
    expect(e.inputs).toBe('recorded');
  });

  it('plan_due: the plan was due 10 working days after the listing', () => {
    const h = [...majorHistory(), step(4, 'escalation', PLAN_DUE, { kind: 'plan_overdue' })];
    const e = explainStep(h, 4, policy, cal)!;
    expect(e.rules[0]).toMatchObject({ path: 'plan.dueWorkingDaysAfterListing', value: 10 });
    expect(wall(e.overdueSince!)).toBe(PLAN_DUE);
    expect(wall(e.computations[0].count.to)).toBe(PLAN_DUE);
  });

  it('plan_reminder and rectification_reminder: n working days before their deadlines', () => {
    const planRem = wd(PLAN_DUE, -3);
    const rectRem = wd(DEADLINE, -10);
    const h = [
      ...majorHistory(),
      step(4, 'reminder', planRem, { deadline: 'plan', dueAt: at(PLAN_DUE), daysBefore: 3 }),
      step(5, 'reminder', rectRem, { deadline: 'rectification', dueAt: at(DEADLINE), daysBefore: 10 }),
    ];
    const p = explainStep(h, 4, policy, cal)!;
    expect(p.rules.map((r) => r.path)).toEqual(['plan.dueWorkingDaysAfterListing', 'reminders.planDue[0]']);
    expect(wall(p.computations.find((c) => c.key === 'reminderAt')!.count.to)).toBe(planRem);
    const r = explainStep(h, 5, policy, cal)!;
    expect(r.rules.map((x) => x.path)).toContain('reminders.rectificationDue[0]');
    expect(wall(r.computations.find((c) => c.key === 'reminderAt')!.count.to)).toBe(rectRem);
    expect(r.computations.find((c) => c.key === 'reminderAt')!.count.days).toBe(-10);
  });

  it('an extension moves the deadline: the stage counts from the extended deadline, and both counts are shown', () => {
    const requested = '2026-06-01 10:00';
    const decisionDue = wd(requested, 10);
    const extended = wd(DEADLINE, 30);
    const h = [
      ...majorHistory(),
      step(4, 'extension.requested', requested, { workingDays: 30, decisionDue: at(decisionDue) }),
      step(5, 'extension.approved', '2026-06-03 10:00', {
        approvedWorkingDays: 30,
        previousDeadline: at(DEADLINE),
        newDeadline: at(extended),
        extensionCount: 1,
      }),
      step(6, 'escalation', wd(extended, 1), {
        stage: 1,
        action: 'supervision_letter',
        afterOverdueWorkingDays: 1,
        rectificationDeadline: at(extended),
      }),
    ];
    const r = explainStep(h, 4, policy, cal)!;
    expect(r.rules[0]).toMatchObject({ path: 'extension.decisionWindowWorkingDays', value: 10 });
    expect(wall(r.computations[0].count.to)).toBe(decisionDue);
    const e = explainStep(h, 6, policy, cal)!;
    expect(wall(e.overdueSince!)).toBe(extended);
    expect(e.computations.map((c) => wall(c.count.to))).toEqual([DEADLINE, extended, wd(extended, 1)]);
    expect(e.facts).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'extensionWorkingDays', value: 30, seq: 5 })]));
  });

  it('extension_decision_due: the regulator had 10 working days to answer', () => {
    const requested = '2026-09-21 10:00'; // the 中秋、国庆 holidays and two make-up days fall in the window
    const due = wd(requested, 10);
    const h = [
      ...majorHistory(),
      step(4, 'extension.requested', requested, { workingDays: 10 }),
      step(5, 'escalation', due, { kind: 'extension_decision_overdue', escalatedTo: 'city' }),
    ];
    const e = explainStep(h, 5, policy, cal)!;
    expect(wall(e.overdueSince!)).toBe(due);
    expect(e.computations[0].count.holidaysSkipped.map((x) => x.name)).toEqual(
      expect.arrayContaining(['中秋节 Mid-Autumn', '国庆节 National Day']),
    );
  });

  it('review_reminder and review_due: 10 calendar days from the submission (日, not 工作日)', () => {
    const submitted = '2026-09-28 15:00';
    const due = new Date(Date.parse(at(submitted)) + 10 * DAY).toISOString();
    const reminder = wd(wall(due), -2);
    const h = [
      ...majorHistory(),
      step(4, 'completion.submitted', submitted, { round: 1, reviewDue: due }),
      step(5, 'reminder', reminder, { deadline: 'review', dueAt: due, daysBefore: 2, level: 'township' }),
      step(6, 'escalation', wall(due), { kind: 'review_window_missed', level: 'township', escalatedTo: 'county' }),
    ];
    const r = explainStep(h, 5, policy, cal)!;
    expect(r.rules.map((x) => x.path)).toEqual(['review.window', 'reminders.reviewDue[0]']);
    expect(wall(r.computations.find((c) => c.key === 'reminderAt')!.count.to)).toBe(reminder);
    const e = explainStep(h, 6, policy, cal)!;
    expect(e.rules[0]).toMatchObject({ path: 'review.window', value: { days: 10, unit: 'calendar' } });
    expect(e.computations[0].count.unit).toBe('calendar');
    expect(e.overdueSince).toBe(due);
    expect(e.facts).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'reviewWindowOpened', seq: 4 })]));
  });

  it('decision_reminder and decision_due: grading owed within 3 working days of the report', () => {
    const reported = '2026-04-30 16:00'; // before 劳动节
    const due = wd(reported, 3);
    const reminder = wd(reported, 2);
    const h = [
      step(1, 'reported', reported),
      step(2, 'reminder', reminder, { deadline: 'grading', dueAt: at(due), daysBefore: 1, level: 'township' }),
      step(3, 'escalation', due, { kind: 'grading_overdue', level: 'township', escalatedTo: 'county' }),
    ];
    const r = explainStep(h, 2, policy, cal)!;
    expect(r.rules.map((x) => x.path)).toEqual(['decisions.grading.dueWorkingDays', 'decisions.grading.reminders[0]']);
    expect(wall(r.computations.find((c) => c.key === 'reminderAt')!.count.to)).toBe(reminder);
    const e = explainStep(h, 3, policy, cal)!;
    expect(e.kind).toBe('decision_overdue');
    expect(wall(e.overdueSince!)).toBe(due);
    expect(e.computations[0].count.holidaysSkipped.map((x) => x.date)).toEqual([
      '2026-05-01',
      '2026-05-02',
      '2026-05-03',
      '2026-05-04',
      '2026-05-05',
    ]);
    expect(e.computations[0].count.makeUpDaysCounted).toEqual([]);
  });

  it('a step that is no escalation, reminder or deadline has no explanation', () => {
    const h = [...majorHistory(), step(4, 'penalty.recorded', '2026-03-10 10:00', { lawArticle: '第一百零二条' })];
    expect(explainStep(h, 4, policy, cal)).toBeNull();
    expect(explainStep(h, 99, policy, cal)).toBeNull();
  });
});
