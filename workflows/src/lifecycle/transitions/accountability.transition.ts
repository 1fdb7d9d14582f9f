import type { HoldInterviewInput, IssueLetterInput, PublishNoticeInput, ScheduleInterviewInput } from '../../accountability.types';
import type { UpdateResult } from '../../hazard-lifecycle.types';
import { iso, type LifecycleContext } from '../context';
import { documentData, issue, publish } from '../documents';
import { interviewIndex } from '../interviews';

const ownLevel = (level: string | undefined) => (level === 'county' || level === 'city' ? level : 'township');

/** 督办函 / 停产整顿建议 on demand: numbered and issued by the supervisor's own level, delivered to its addressees. */
export async function issueLetter(ctx: LifecycleContext, i: IssueLetterInput): Promise<UpdateResult> {
  const { s, policy } = ctx;
  const rule = i.kind === 'supervision_letter' ? policy.documents!.supervisionLetter : policy.documents!.stoppageRecommendation;
  const doc = await issue(ctx, i.kind, {
    actor: i.actor,
    issuerLevel: ownLevel(i.actor.jurisdictionLevel),
    facts: { replyWithinWorkingDays: rule.replyWithinWorkingDays, ...(i.requirement ? { requirement: i.requirement } : {}) },
  });
  const payload = { ...documentData(doc), onDemand: true, enterpriseId: s.enterpriseId, jurisdictionPath: s.jurisdictionPath };
  return ctx.record('document.issued', i.actor, s.status, payload, [{ type: 'document.issued', payload }]);
}

/** 公布: the notice is published on the date given (default now); its timers stop. */
export async function publishNotice(ctx: LifecycleContext, i: PublishNoticeInput): Promise<UpdateResult> {
  const s = ctx.s;
  const notice = s.notices.find((n) => n.documentId === i.documentId)!;
  const publishedAt = i.publishedAt ? iso(Date.parse(i.publishedAt)) : iso(ctx.now());
  await publish(notice, publishedAt, i.actor.userId);
  const payload = {
    documentId: notice.documentId,
    kind: notice.kind,
    number: notice.number,
    publishedAt,
    dueAt: notice.dueAt,
    late: notice.dueAt !== null && publishedAt > notice.dueAt,
  };
  return ctx.record('notice.published', i.actor, s.status, payload, [{ type: 'notice.published', payload }]);
}

/** 约谈安排: date, place and who is summoned; the enterprise and the department are told. */
export async function scheduleInterview(ctx: LifecycleContext, i: ScheduleInterviewInput): Promise<UpdateResult> {
  const s = ctx.s;
  const index = interviewIndex(s.interviews, i.interview);
  const iv = s.interviews[index];
  iv.scheduled = {
    at: iso(Date.parse(i.at)),
    place: i.place,
    enterprisePrincipal: i.enterprisePrincipal,
    departmentResponsible: i.departmentResponsible,
    by: i.actor.userId,
    recordedAt: iso(ctx.now()),
  };
  const payload = { interview: index, stage: iv.stage, level: iv.level, dueAt: iv.dueAt, ...iv.scheduled, enterpriseId: s.enterpriseId };
  return ctx.record('interview.scheduled', i.actor, s.status, payload, [{ type: 'interview.scheduled', payload }]);
}

/** 约谈记录: held, with the attendees and the minutes; its timers stop. */
export async function holdInterview(ctx: LifecycleContext, i: HoldInterviewInput): Promise<UpdateResult> {
  const s = ctx.s;
  const index = interviewIndex(s.interviews, i.interview);
  const iv = s.interviews[index];
  const now = iso(ctx.now());
  iv.held = {
    at: i.heldAt ? iso(Date.parse(i.heldAt)) : now,
    attendees: [...i.attendees],
    minutesFileId: i.minutesFileId,
    summary: i.summary ?? null,
    by: i.actor.userId,
    recordedAt: now,
  };
  const payload = { interview: index, stage: iv.stage, level: iv.level, dueAt: iv.dueAt, late: iv.held.at > iv.dueAt, ...iv.held };
  return ctx.record('interview.held', i.actor, s.status, payload, [{ type: 'interview.held', payload }]);
}
