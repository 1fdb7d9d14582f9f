import type { WorkflowHandle } from '@temporalio/client';
import { addWorkingDays } from '@hazards/domain/calendar/cn-calendar';
import {
  holdInterviewUpdate,
  issueLetterUpdate,
  publishNoticeUpdate,
  recordPenaltyUpdate,
  recordProductionStopUpdate,
  reviewUpdate,
  scheduleInterviewUpdate,
} from '../../workflows/src';
import {
  actors,
  expectNear,
  maybeSaveHistory,
  refusalOf,
  sh,
  startHazard,
  stateOf,
  waitForCompletion,
} from '@hazards/testing/workflows/hazard-fixtures';
import {
  completedBySelf,
  gradeMajor,
  LISTING_AUTHORITIES,
  listAt,
  type ListingLevel,
  planApproved,
  publishedJustNow,
} from '@hazards/testing/workflows/hazard-steps';
import { waitFor } from '@hazards/testing/polling';
import { useScenarioEnv } from '@hazards/testing/workflows/use-scenario-env';

/*
 * Accountability made concrete (issue 18), under default-v2: each ladder stage leaves a record a
 * supervisor can produce — a numbered letter, an interview with a deadline of its own, a
 * criticism naming who criticises, a stoppage recommendation — and listing and delisting notices
 * must be published in time.
 */
const t = useScenarioEnv(sh('2025-04-07', '09:00:00'));

/** The activity types a hazard's history scheduled, in order. */
async function activitiesRun(h: WorkflowHandle): Promise<string[]> {
  const { events } = await h.fetchHistory();
  return (events ?? []).flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
}

async function listed(id: string, level: ListingLevel, o: { published?: boolean } = {}) {
  const h = await startHazard(t, id, { reportedBy: LISTING_AUTHORITIES[level].actor });
  await gradeMajor(h, '中毒和窒息', '第八条');
  const publishedAt = o.published ? await publishedJustNow(t) : {};
  const l = await listAt(h, level, { orderNumber: `${level}督〔2025〕1号`, ...publishedAt });
  return { h, listed: l };
}

async function approved(id: string, level: ListingLevel) {
  const r = await listed(id, level, { published: true });
  await planApproved(r.h, '有限空间停用', LISTING_AUTHORITIES[level].actor);
  return r;
}

describe('the overdue ladder leaves records (督办函, 约谈, 通报批评, 停产整顿建议)', () => {
  it('a city-listed hazard left overdue gets a numbered letter, an interview that escalates when not held, a criticism by the city and a stoppage recommendation', async () => {
    const id = 'A-city-ladder';
    const { h, listed: l } = await approved(id, 'city');
    const deadline = l.rectificationDeadline!;

    // Stage 1, one working day overdue: the 督办函, numbered by the city, its number and SHA-256 in the step.
    await t.advanceTo(new Date(addWorkingDays(Date.parse(deadline), 1).getTime() + 3600_000));
    await waitFor(async () => (await stateOf(h)).documents.some((d) => d.kind === 'supervision_letter'));
    const letter = t.documents.issued(id).find((d) => d.kind === 'supervision_letter')!;
    expect(letter.number).toMatch(/^测city督〔2025〕\d+号$/);
    expect(letter.input).toMatchObject({
      issuerLevel: 'city',
      facts: {
        overdueWorkingDays: 1,
        replyWithinWorkingDays: 5,
        rectificationDeadline: deadline,
        listing: { level: 'city', orderNumber: 'city督〔2025〕1号' },
      },
    });
    const stage1 = t.recorder.steps(id).find((s) => s.step === 'escalation' && s.data.stage === 1)!;
    expect(stage1.data.document).toMatchObject({ kind: 'supervision_letter', number: letter.number, sha256: letter.sha256 });
    expect(stage1.events[0].payload).toMatchObject({ detail: { document: { number: letter.number } } });
    // The letter and its step are one activity (issueAndRecordStep): the snapshot, the state and the
    // step all state the same document, and no separate issueDocument ran for the stage.
    const written = (stage1.snapshot.detail as { escalations: { stage?: number; detail: { document?: unknown } }[] }).escalations;
    expect(written.find((e) => e.stage === 1)?.detail.document).toEqual(stage1.data.document);
    expect((await stateOf(h)).escalations.find((e) => e.stage === 1)?.detail).toMatchObject({ document: stage1.data.document });
    const run = await activitiesRun(h);
    expect(run.filter((a) => a === 'issueAndRecordStep')).toHaveLength(1);
    expect(run.filter((a) => a === 'issueDocument')).toHaveLength(1); // the listing notice's, not the letter's

    // Stage 3 (10 working days): an interview to be held within 10 working days; scheduled but not held.
    const interviewAt = addWorkingDays(Date.parse(deadline), 10);
    await t.advanceTo(new Date(interviewAt.getTime() + 3600_000));
    await waitFor(async () => (await stateOf(h)).interviews.length === 1);
    const iv = (await stateOf(h)).interviews[0];
    expect(iv).toMatchObject({ stage: 3, level: 'city', scheduled: null, held: null });
    expectNear(iv.dueAt, addWorkingDays(Date.parse(iv.orderedAt), 10).toISOString());
    // Only the listing level or above schedules it.
    expect(
      (
        await refusalOf(() =>
          h.executeUpdate(scheduleInterviewUpdate, {
            args: [
              { actor: actors.county, at: sh('2025-12-01'), place: '市应急局', enterprisePrincipal: '张甲', departmentResponsible: '李乙' },
            ],
          }),
        )
      ).code,
    ).toBe('WRONG_LEVEL');
    const scheduled = await h.executeUpdate(scheduleInterviewUpdate, {
      args: [
        {
          actor: actors.city,
          at: new Date(interviewAt.getTime() + 5 * 86_400_000).toISOString(),
          place: '南通市应急管理局三楼会议室',
          enterprisePrincipal: '企业主要负责人 张甲',
          departmentResponsible: '住建局 李乙',
        },
      ],
    });
    expect(t.recorder.steps(id).find((s) => s.seq === scheduled.seq)!.events[0]).toMatchObject({
      type: 'interview.scheduled',
      payload: { place: '南通市应急管理局三楼会议室' },
    });
    // Holding needs attendees and the minutes.
    expect(
      (
        await refusalOf(() =>
          h.executeUpdate(holdInterviewUpdate, { args: [{ actor: actors.city, attendees: [], minutesFileId: 'f-minutes' }] }),
        )
      ).field,
    ).toBe('attendees');

    // Not held in 10 working days: reminded 3 days before, then escalated above the city (to the province).
    await t.advanceTo(new Date(Date.parse(iv.dueAt) + 3600_000));
    await waitFor(async () => (await stateOf(h)).escalations.some((e) => e.kind === 'interview_overdue'));
    const st = await stateOf(h);
    expect(st.escalations.find((e) => e.kind === 'interview_overdue')).toMatchObject({
      escalatedTo: 'province',
      detail: { stage: 3, level: 'city' },
    });
    expect(
      t.recorder
        .events(id)
        .filter((e) => e.type === 'reminder.due' && e.payload.deadline === 'interview')
        .map((e) => e.payload.daysBefore),
    ).toEqual([3]);

    // Stage 5: 通报批评 by the city; stage 6: the 停产整顿建议书.
    await t.advanceTo(new Date(addWorkingDays(Date.parse(deadline), 30).getTime() + 3600_000));
    await waitFor(async () => (await stateOf(h)).escalationStage === 6);
    const criticism = t.recorder.steps(id).find((s) => s.step === 'escalation' && s.data.action === 'public_criticism')!;
    expect(criticism.data).toMatchObject({ stage: 5, criticisedBy: 'city' });
    const stoppage = t.documents.issued(id).find((d) => d.kind === 'stoppage_recommendation')!;
    expect(stoppage.input.facts).toMatchObject({ overdueWorkingDays: 30, replyWithinWorkingDays: 3 });
    expect((await stateOf(h)).documents.map((d) => d.kind)).toEqual(['listing_notice', 'supervision_letter', 'stoppage_recommendation']);

    // The penalty the recommendation leads to: within art 102's range for the enterprise, numbered, citing it.
    const out = await refusalOf(() =>
      h.executeUpdate(recordPenaltyUpdate, {
        args: [{ actor: actors.city, lawArticle: '《中华人民共和国安全生产法》第一百零二条', amountYuan: 60000 }],
      }),
    );
    expect(out).toMatchObject({ code: 'PENALTY_OUT_OF_RANGE', field: 'amountYuan' });
    expect(out.message).toContain('50,000元以下');
    await h.executeUpdate(recordProductionStopUpdate, {
      args: [{ actor: actors.city, action: 'ordered', scope: '全厂', reason: '拒不整改', basisDocumentId: stoppage.documentId }],
    });
    await h.executeUpdate(recordPenaltyUpdate, {
      args: [{ actor: actors.city, lawArticle: '《安全生产法》第一百零二条', amountYuan: 50000, basisDocumentId: stoppage.documentId }],
    });
    await h.executeUpdate(recordPenaltyUpdate, {
      args: [
        {
          actor: actors.city,
          lawArticle: '《安全生产法》第一百零二条',
          amountYuan: 80000,
          subject: 'responsible_person',
          subjectName: '张甲',
        },
      ],
    });
    const after = await stateOf(h);
    expect(after.penalties.map((p) => p.decisionNumber)).toEqual([
      expect.stringMatching(/^测city罚〔2025〕\d+号$/),
      expect.stringMatching(/^测city罚〔2025〕\d+号$/),
    ]);
    const decision = t.documents.issued(id).filter((d) => d.kind === 'penalty_decision');
    expect(decision[0].input.facts.penalty).toMatchObject({ amountYuan: 50000, subject: 'enterprise', basisNumber: stoppage.number });
    expect(decision[1].input.facts.penalty).toMatchObject({ amountYuan: 80000, subject: 'responsible_person', subjectName: '张甲' });
    expect(after.production.changes.at(-1)).toMatchObject({ action: 'ordered', basisDocumentId: stoppage.documentId });
    await maybeSaveHistory(h, 'city-ladder-documents-with-step');
  });

  it('a supervisor of the listing level issues a letter on demand; a lower level may not', async () => {
    const id = 'A-on-demand';
    const { h } = await approved(id, 'county');
    expect(
      (await refusalOf(() => h.executeUpdate(issueLetterUpdate, { args: [{ actor: actors.township, kind: 'supervision_letter' }] }))).code,
    ).toBe('WRONG_LEVEL');
    const r = await h.executeUpdate(issueLetterUpdate, {
      args: [{ actor: actors.county, kind: 'supervision_letter', requirement: '十个工作日内完成报警器更换' }],
    });
    const step = t.recorder.steps(id).find((s) => s.seq === r.seq)!;
    expect(step.step).toBe('document.issued');
    const doc = t.documents.issued(id).find((d) => d.kind === 'supervision_letter')!;
    expect(doc.input).toMatchObject({ issuerLevel: 'county', facts: { requirement: '十个工作日内完成报警器更换' } });
    expect(step.events[0]).toMatchObject({ type: 'document.issued', payload: { number: doc.number, sha256: doc.sha256, onDemand: true } });
    await maybeSaveHistory(h, 'on-demand-letter');
  });
});

describe('listing and delisting notices (挂牌公告, 摘牌公告)', () => {
  it('an unpublished listing notice is reminded and escalated to the level above; publishing it later records the date', async () => {
    const id = 'A-notice-late';
    const start = await t.now();
    const { h } = await listed(id, 'county');
    const notice = (await stateOf(h)).notices[0];
    expect(notice).toMatchObject({ kind: 'listing_notice', level: 'county', publishedAt: null });
    expectNear(notice.dueAt, addWorkingDays(start, 5).toISOString(), 300_000);
    await t.advanceTo(new Date(Date.parse(notice.dueAt!) + 3600_000));
    await waitFor(async () => (await stateOf(h)).escalations.some((e) => e.kind === 'publication_overdue'));
    expect((await stateOf(h)).escalations.find((e) => e.kind === 'publication_overdue')).toMatchObject({
      escalatedTo: 'city',
      detail: { notice: 'listing_notice', number: notice.number },
    });
    expect(
      t.recorder
        .events(id)
        .filter((e) => e.type === 'reminder.due')
        .map((e) => [e.payload.deadline, e.payload.daysBefore]),
    ).toContainEqual(['publication', 2]);

    expect(
      (await refusalOf(() => h.executeUpdate(publishNoticeUpdate, { args: [{ actor: actors.township, documentId: notice.documentId }] })))
        .code,
    ).toBe('WRONG_LEVEL');
    const published = await h.executeUpdate(publishNoticeUpdate, { args: [{ actor: actors.county, documentId: notice.documentId }] });
    const step = t.recorder.steps(id).find((s) => s.seq === published.seq)!;
    expect(step).toMatchObject({ step: 'notice.published', data: { kind: 'listing_notice', late: true } });
    expect(t.documents.published.get(notice.documentId)).toBe(step.data.publishedAt);
    expect(
      (await refusalOf(() => h.executeUpdate(publishNoticeUpdate, { args: [{ actor: actors.county, documentId: notice.documentId }] })))
        .code,
    ).toBe('ALREADY_PUBLISHED');
    await maybeSaveHistory(h, 'listing-notice-late');
  });

  it('the sign-off of a listed hazard issues the delisting notice; the lifecycle ends once it is published', async () => {
    const id = 'A-delisting';
    const { h } = await approved(id, 'township');
    await completedBySelf(h, '合格');
    await h.executeUpdate(reviewUpdate, { args: [{ actor: actors.township, result: 'pass' }] });
    const st = await stateOf(h);
    expect(st.status).toBe('closed');
    const delisting = st.notices.find((n) => n.kind === 'delisting_notice')!;
    expect(delisting).toMatchObject({ level: 'township', publishedAt: null });
    expect(t.documents.issued(id).find((d) => d.kind === 'delisting_notice')!.input.facts.closedAt).toBe(st.closedAt);
    // Closed: other actions are refused; the notice is still owed and reminded, then escalated to the county.
    expect(
      (
        await refusalOf(() =>
          h.executeUpdate(recordPenaltyUpdate, {
            args: [{ actor: actors.county, lawArticle: '《安全生产法》第一百零二条', amountYuan: 1000 }],
          }),
        )
      ).code,
    ).toBe('HAZARD_CLOSED');
    await t.advanceTo(new Date(Date.parse(delisting.dueAt!) + 3600_000));
    await waitFor(async () => (await stateOf(h)).escalations.some((e) => e.kind === 'publication_overdue'));
    expect((await stateOf(h)).escalations.at(-1)).toMatchObject({
      kind: 'publication_overdue',
      escalatedTo: 'county',
      detail: { notice: 'delisting_notice' },
    });
    expect((await h.describe()).status.name).toBe('RUNNING');
    await h.executeUpdate(publishNoticeUpdate, { args: [{ actor: actors.county, documentId: delisting.documentId }] });
    await waitForCompletion(h);
  });
});

describe('an interview held in time (约谈)', () => {
  it('scheduled and held with attendees and minutes: no escalation follows', async () => {
    const id = 'A-interview-held';
    const { h, listed: l } = await approved(id, 'county');
    await t.advanceTo(new Date(addWorkingDays(Date.parse(l.rectificationDeadline!), 10).getTime() + 3600_000));
    await waitFor(async () => (await stateOf(h)).interviews.length === 1);
    const now = await t.now();
    await h.executeUpdate(scheduleInterviewUpdate, {
      args: [
        {
          actor: actors.county,
          at: new Date(now + 86_400_000).toISOString(),
          place: '通州区应急管理局',
          enterprisePrincipal: '张甲',
          departmentResponsible: '王丙',
        },
      ],
    });
    await t.advanceTo(new Date(now + 2 * 86_400_000));
    await h.executeUpdate(holdInterviewUpdate, {
      args: [
        {
          actor: actors.county,
          heldAt: new Date(now + 86_400_000).toISOString(),
          attendees: ['张甲', '王丙', '通州区应急管理局 李'],
          minutesFileId: 'f-minutes',
          summary: '企业承诺十日内完成整改',
        },
      ],
    });
    const iv = (await stateOf(h)).interviews[0];
    expect(iv.held).toMatchObject({ attendees: ['张甲', '王丙', '通州区应急管理局 李'], minutesFileId: 'f-minutes' });
    await t.advanceTo(new Date(Date.parse(iv.dueAt) + 3600_000));
    await new Promise((r) => setTimeout(r, 500));
    expect((await stateOf(h)).escalations.some((e) => e.kind === 'interview_overdue')).toBe(false);
    expect(
      (
        await refusalOf(() =>
          h.executeUpdate(holdInterviewUpdate, { args: [{ actor: actors.county, attendees: ['x'], minutesFileId: 'f' }] }),
        )
      ).code,
    ).toBe('INTERVIEW_HELD');
    await maybeSaveHistory(h, 'interview-held');
  });
});
