import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ChainAppender } from '@hazards/archive/chain-appender';
import { successAuditRow } from '@hazards/archive/audit-row';
import { AUDIT_CHAIN } from '@hazards/archive/chain-definitions';
import type { ArchiveKey } from '@hazards/archive/archive-key';
import { changedDates } from '@hazards/domain/calendar/calendar-changes';
import { calendarNoticeSchema, noticeProblems, type CalendarNotice, type NoticeProblem } from '@hazards/domain/calendar/calendar-notice';
import { calendarFromNotices } from '@hazards/domain/calendar/cn-calendar';
import type { CalendarChange } from '@hazards/temporal/calendar-activities';
import { CalendarNoticeStore, type StoredNotice } from './calendar-notice.store';

/** Who loads a notice, and from where (for the audit row). */
export interface NoticeLoader {
  userId: string;
  username: string;
  via: 'api' | 'cli';
  sourceIp?: string | null;
  requestId?: string | null;
}

/** A notice that is refused: every problem, so the admin can fix them all in one go. Nothing was saved. */
export class NoticeRefused extends Error {
  constructor(readonly problems: NoticeProblem[]) {
    super(problems.map((p) => `${p.message} / ${p.messageEn}`).join('\n'));
  }
}

/** Starts re-planning the hazards in flight; called inside the load's transaction, so a failure saves nothing. */
export interface ReplanStarter {
  start(changeId: string, change: CalendarChange): Promise<{ workflowId: string }>;
}

export interface ImportResult {
  /** False when the same notice was already the year's current one: nothing was saved. */
  saved: boolean;
  notice: StoredNotice;
  /** The previous notice of the year, or null when the year was provisional. */
  previous: StoredNotice | null;
  /** The re-planning run started for the hazards in flight, if any day changed. */
  replanWorkflowId: string | null;
}

/** Shape first (a file, a body), then meaning: dates in the year, ranges, make-up days on weekends. */
export function validateNotice(raw: unknown): CalendarNotice {
  const parsed = calendarNoticeSchema.safeParse(raw);
  if (!parsed.success) {
    throw new NoticeRefused(
      parsed.error.issues.map((i) => {
        const field = i.path.join('.').replace(/\.(\d+)/g, '[$1]') || 'body';
        return { code: 'malformed', message: `${field}：${i.message}`, messageEn: `${field}: ${i.message}`, field } satisfies NoticeProblem;
      }),
    );
  }
  const problems = noticeProblems(parsed.data);
  if (problems.length) throw new NoticeRefused(problems);
  return parsed.data;
}

/** Field by field (jsonb does not keep key order). */
const sameNotice = (a: CalendarNotice, b: CalendarNotice) => {
  const days = (n: CalendarNotice) =>
    JSON.stringify([n.holidays.map((h) => [h.name, h.from, h.to]), n.makeUpWorkdays.map((m) => [m.name, m.date])]);
  return (
    a.noticeNumber === b.noticeNumber && a.noticeDate === b.noticeDate && (a.title ?? null) === (b.title ?? null) && days(a) === days(b)
  );
};

/**
 * Loads one year's State Council notice (载入放假安排): validated, saved as a new revision (the old
 * one is kept), recorded in the audit log, and, when any day's working/rest status changed, a
 * re-planning run is started for the hazards in flight. All of it in one transaction: a refused
 * notice, or a run that cannot be started, leaves everything as it was. Loads are serialized.
 */
export class CalendarImporter {
  private readonly store: CalendarNoticeStore;
  private readonly audit: ChainAppender;

  constructor(
    private readonly ds: DataSource,
    key: ArchiveKey,
    private readonly replan: ReplanStarter | null,
  ) {
    this.store = new CalendarNoticeStore(ds);
    this.audit = new ChainAppender(key);
  }

  async import(raw: unknown, who: NoticeLoader, reason?: string): Promise<ImportResult> {
    const notice = validateNotice(raw);
    return this.ds.transaction(async (tx) => {
      await tx.query(`select pg_advisory_xact_lock(hashtext('calendar_notices'))`);
      const current = await this.store.noticesAt(undefined, tx);
      const previous = current.find((n) => n.year === notice.year) ?? null;
      if (previous && sameNotice(previous, notice)) return { saved: false, notice: previous, previous, replanWorkflowId: null };
      const before = calendarFromNotices(current);
      const after = calendarFromNotices([...current.filter((n) => n.year !== notice.year), notice]);
      const changed = changedDates(before, after, notice.year);
      const why =
        reason?.trim() ||
        (previous
          ? `更正${notice.year}年放假安排（${notice.noticeNumber}） / correction of the ${notice.year} holiday notice (${notice.noticeNumber})`
          : `${notice.year}年国务院放假安排已公布（${notice.noticeNumber}） / the State Council holiday notice for ${notice.year} was loaded (${notice.noticeNumber})`);
      const stored = await this.store.insert(tx, {
        ...notice,
        changeId: randomUUID(),
        revision: (previous?.revision ?? 0) + 1,
        changedDates: changed,
        reason: why,
        loadedBy: who.userId,
        loadedVia: who.via,
      });
      await this.audit.append(
        tx,
        AUDIT_CHAIN,
        successAuditRow(
          who,
          {
            event: 'calendar.notice_loaded',
            objectType: 'calendar_year',
            objectId: String(notice.year),
            httpStatus: who.via === 'api' ? 200 : null,
          },
          {
            via: who.via,
            version: stored.version,
            revision: stored.revision,
            noticeNumber: notice.noticeNumber,
            noticeDate: notice.noticeDate,
            previousVersion: previous?.version ?? null,
            changedDates: changed,
            reason: why,
          },
        ),
      );
      let replanWorkflowId: string | null = null;
      if (changed.length > 0 && this.replan) {
        const change: CalendarChange = {
          calendarVersion: stored.version,
          year: notice.year,
          noticeNumber: notice.noticeNumber,
          changedDates: changed,
          reason: why,
        };
        replanWorkflowId = (await this.replan.start(stored.changeId, change)).workflowId;
      }
      return { saved: true, notice: stored, previous, replanWorkflowId };
    });
  }
}
