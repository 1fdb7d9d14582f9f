import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { CalendarImporter, CalendarNoticeStore, coverageOf, LiveCalendar, NoticeRefused, TemporalReplanStarter } from '@hazards/calendar';
import { calendarHealth, yearStatus } from '@hazards/domain/calendar/calendar-coverage';
import { estimateYear } from '@hazards/domain/calendar/provisional-estimate';
import { shanghaiDate } from '@hazards/domain/calendar/working-day-calendar';
import { TemporalClientService } from '@hazards/temporal';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiException } from '@hazards/api-contract/api-error';
import { ArchiveSettings } from '../archive/archive-settings.provider';
import type { CalendarNoticeDto } from './calendar.dto';

/** The working-day calendar as the API serves it: coverage, health, each year's versions, loading a notice. */
@Injectable()
export class CalendarService {
  private readonly store: CalendarNoticeStore;
  private readonly importer: CalendarImporter;

  constructor(
    ds: DataSource,
    archive: ArchiveSettings,
    temporal: TemporalClientService,
    private readonly live: LiveCalendar,
  ) {
    this.store = new CalendarNoticeStore(ds);
    this.importer = new CalendarImporter(ds, archive.key, new TemporalReplanStarter(temporal.client, temporal.taskQueue));
  }

  async coverage(now = new Date()) {
    const s = await this.live.get();
    return { version: s.version, today: shanghaiDate(now), health: calendarHealth(s.officialYears, now), years: coverageOf(s, now) };
  }

  async health(now = new Date()) {
    return calendarHealth((await this.live.get()).officialYears, now);
  }

  async year(year: number, now = new Date()) {
    const s = await this.live.get();
    const versions = await this.store.history(year);
    const current = versions[0] ?? null;
    const days = current ?? estimateYear(year);
    return {
      year,
      status: yearStatus(year, s.officialYears, shanghaiDate(now)),
      noticeNumber: current?.noticeNumber ?? null,
      noticeDate: current?.noticeDate ?? null,
      revision: current?.revision ?? null,
      version: current?.version ?? null,
      holidays: days.holidays,
      makeUpWorkdays: days.makeUpWorkdays,
      versions,
    };
  }

  /** PUT /calendar/{year}: the load writes its own audit row, in its transaction; the request is marked as audited. */
  async load(year: number, dto: CalendarNoticeDto, user: AuthUser, req: Request & { id?: unknown; auditRecorded?: boolean }) {
    const { reason, ...notice } = dto;
    try {
      const r = await this.importer.import(
        { year, ...notice },
        {
          userId: user.id,
          username: user.username,
          via: 'api',
          sourceIp: req.ip ?? null,
          requestId: typeof req.id === 'string' ? req.id : null,
        },
        reason,
      );
      req.auditRecorded = r.saved;
      this.live.invalidate();
      return {
        saved: r.saved,
        year,
        version: r.notice.version,
        revision: r.notice.revision,
        previousVersion: r.previous?.version ?? null,
        changedDates: r.saved ? r.notice.changedDates : [],
        replanWorkflowId: r.replanWorkflowId,
      };
    } catch (err) {
      if (!(err instanceof NoticeRefused)) throw err;
      const [first] = err.problems;
      throw new NoticeRefusedException(first.code, first.message, first.messageEn, first.field, err.problems);
    }
  }
}

/** 422 with the first problem in the one error shape, and `problems`: all of them. */
class NoticeRefusedException extends ApiException {
  constructor(code: string, zh: string, en: string, field: string, problems: unknown[]) {
    super(422, code, zh, en, field);
    Object.assign(this.getResponse() as object, { problems });
  }
}
