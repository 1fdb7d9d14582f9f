import type { CalendarNotice } from '@hazards/domain/calendar/calendar-notice';

/** Anything that runs SQL: a DataSource, or an EntityManager inside a transaction. */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<any>;
}

/** A loaded notice: the notice, and which load made it (the calendar version is the row's id). */
export interface StoredNotice extends CalendarNotice {
  version: number;
  revision: number;
  changeId: string;
  changedDates: string[];
  reason: string | null;
  loadedBy: string;
  loadedVia: 'migration' | 'api' | 'cli';
  loadedAt: string;
}

const COLUMNS = `version::int as version, change_id as "changeId", year, revision, notice_number as "noticeNumber",
  to_char(notice_date, 'YYYY-MM-DD') as "noticeDate", title, holidays, make_up_workdays as "makeUpWorkdays",
  array(select to_char(d, 'YYYY-MM-DD') from unnest(changed_dates) d order by d) as "changedDates", reason,
  loaded_by as "loadedBy", loaded_via as "loadedVia", loaded_at as "loadedAt"`;

const toNotice = (r: Record<string, unknown>): StoredNotice => {
  const { title, loadedAt, ...rest } = r as unknown as Omit<StoredNotice, 'title' | 'loadedAt'> & { title: string | null; loadedAt: Date };
  return {
    ...rest,
    ...(title ? { title } : {}),
    loadedAt: new Date(loadedAt).toISOString(),
    // jsonb keeps no key order: back in the notice's own order.
    holidays: rest.holidays.map((h) => ({ name: h.name, from: h.from, to: h.to })),
    makeUpWorkdays: rest.makeUpWorkdays.map((m) => ({ name: m.name, date: m.date })),
  };
};

/** The `calendar_notices` table: append-only, one row per load. */
export class CalendarNoticeStore {
  constructor(private readonly db: SqlRunner) {}

  /** The current calendar version (0 before any load). */
  async latestVersion(db: SqlRunner = this.db): Promise<number> {
    const [r]: { v: number }[] = await db.query('select coalesce(max(version), 0)::int as v from calendar_notices');
    return r.v;
  }

  /** Each year's notice as of a version (default: the latest), by year. */
  async noticesAt(version?: number, db: SqlRunner = this.db): Promise<StoredNotice[]> {
    const rows: Record<string, unknown>[] = await db.query(
      `select distinct on (year) ${COLUMNS} from calendar_notices where ($1::bigint is null or version <= $1) order by year, version desc`,
      [version ?? null],
    );
    return rows.map(toNotice);
  }

  /** Every load of one year, newest first. */
  async history(year: number, db: SqlRunner = this.db): Promise<StoredNotice[]> {
    const rows: Record<string, unknown>[] = await db.query(
      `select ${COLUMNS} from calendar_notices where year = $1 order by version desc`,
      [year],
    );
    return rows.map(toNotice);
  }

  async byChangeId(changeId: string, db: SqlRunner = this.db): Promise<StoredNotice | null> {
    const rows: Record<string, unknown>[] = await db.query(`select ${COLUMNS} from calendar_notices where change_id = $1`, [changeId]);
    return rows[0] ? toNotice(rows[0]) : null;
  }

  async insert(
    db: SqlRunner,
    n: CalendarNotice & {
      changeId: string;
      revision: number;
      changedDates: string[];
      reason: string | null;
      loadedBy: string;
      loadedVia: StoredNotice['loadedVia'];
    },
  ): Promise<StoredNotice> {
    const rows: Record<string, unknown>[] = await db.query(
      `insert into calendar_notices (change_id, year, revision, notice_number, notice_date, title, holidays, make_up_workdays, changed_dates, reason, loaded_by, loaded_via)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning ${COLUMNS}`,
      [
        n.changeId,
        n.year,
        n.revision,
        n.noticeNumber,
        n.noticeDate,
        n.title ?? null,
        JSON.stringify(n.holidays),
        JSON.stringify(n.makeUpWorkdays),
        n.changedDates,
        n.reason,
        n.loadedBy,
        n.loadedVia,
      ],
    );
    return toNotice(rows[0]);
  }
}
