import { MigrationInterface, QueryRunner } from 'typeorm';
import { BUNDLED_NOTICES } from '@hazards/domain/calendar/bundled-notices';
import { changedDates } from '@hazards/domain/calendar/calendar-changes';
import { calendarFromNotices } from '@hazards/domain/calendar/cn-calendar';

/**
 * The working-day calendar as live, versioned data (工作日历): every State Council notice loaded,
 * one row per load, never changed or deleted. A year's current notice is its highest revision;
 * the calendar version is the highest row id, so "the calendar at version V" is, for each year,
 * its latest row with id ≤ V. Seeded with the notices shipped in libs/domain/src/calendar/data/notices.
 * Also: notification messages of kind `deadline_change` (a re-planned hazard's notice).
 */
export class WorkingCalendar1764300500000 implements MigrationInterface {
  name = 'WorkingCalendar1764300500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table calendar_notices (
        version bigserial primary key,
        change_id uuid not null unique,
        year int not null check (year between 2000 and 2100),
        revision int not null check (revision >= 1),
        notice_number text not null,
        notice_date date not null,
        title text,
        holidays jsonb not null,
        make_up_workdays jsonb not null,
        changed_dates date[] not null default '{}',
        reason text,
        loaded_by text not null,
        loaded_via text not null check (loaded_via in ('migration', 'api', 'cli')),
        loaded_at timestamptz not null default now(),
        constraint uq_calendar_notice_revision unique (year, revision)
      )`);
    // Old versions are kept as they were: a correction is a new row.
    await q.query(`
      create function calendar_notices_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'calendar_notices is append-only: load a correction as a new revision' using errcode = 'insufficient_privilege';
      end $$`);
    await q.query(
      `create trigger trg_calendar_notices_append_only before update or delete on calendar_notices for each row execute function calendar_notices_refuse_change()`,
    );

    const estimate = calendarFromNotices([]);
    const shipped = calendarFromNotices(BUNDLED_NOTICES);
    for (const n of BUNDLED_NOTICES) {
      await q.query(
        `insert into calendar_notices (change_id, year, revision, notice_number, notice_date, title, holidays, make_up_workdays, changed_dates, reason, loaded_by, loaded_via)
         values (gen_random_uuid(), $1, 1, $2, $3, $4, $5, $6, $7, $8, 'system:migration', 'migration')`,
        [
          n.year,
          n.noticeNumber,
          n.noticeDate,
          n.title ?? null,
          JSON.stringify(n.holidays),
          JSON.stringify(n.makeUpWorkdays),
          changedDates(estimate, shipped, n.year),
          '随系统发布的放假安排 / notice shipped with the engine',
        ],
      );
    }

    await q.query(`alter table notification_messages drop constraint notification_messages_kind_check`);
    await q.query(
      `alter table notification_messages add constraint notification_messages_kind_check check (kind in ('reminder_digest','escalation','accountability','closure','deadline_change'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table notification_messages drop constraint notification_messages_kind_check`);
    await q.query(
      `alter table notification_messages add constraint notification_messages_kind_check check (kind in ('reminder_digest','escalation','accountability','closure'))`,
    );
    await q.query('drop table calendar_notices');
    await q.query('drop function calendar_notices_refuse_change()');
  }
}
