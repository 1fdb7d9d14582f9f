import { readFileSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { Option, SubCommand } from 'nest-commander';
import { ArchiveKey } from '@hazards/archive/archive-key';
import { CalendarImporter, coverageOf, LiveCalendar, NoticeRefused, TemporalReplanStarter } from '@hazards/calendar';
import { BUNDLED_NOTICES } from '@hazards/domain/calendar/bundled-notices';
import { calendarHealth, YEAR_STATUS_LABELS } from '@hazards/domain/calendar/calendar-coverage';
import { compareYear } from '@hazards/domain/calendar/calendar-changes';
import { calendarFromNotices } from '@hazards/domain/calendar/cn-calendar';
import { estimateFestivals } from '@hazards/domain/calendar/provisional-estimate';
import { CliCommand, cliCommandGroup } from '../cli-command';
import { CliDatabase } from '../runtime/cli-database';
import { CliTemporal } from '../runtime/cli-temporal';

/** A notice file is a few kilobytes; anything much larger is not one. */
const MAX_NOTICE_BYTES = 256 * 1024;

/** `calendar import FILE [--reason TEXT]`: loads a year's State Council notice; hazards in flight are re-planned. */
@SubCommand({
  name: 'import',
  arguments: '[file]',
  description: '载入国务院放假安排 / load a year’s holiday notice (validated, versioned, audited; hazards in flight re-planned)',
})
export class CalendarImportCommand extends CliCommand {
  readonly usage = 'calendar import FILE [--reason TEXT]';

  constructor(
    private readonly db: CliDatabase,
    private readonly temporal: CliTemporal,
  ) {
    super();
  }

  @Option({ flags: '--reason <text>', description: '载入原因 / why (recorded in the audit log)' })
  reason(v: string) {
    return v;
  }

  async execute(params: string[], options: { reason?: string }) {
    const file = params[0];
    if (!file) return this.usageError();
    if (statSync(file).size > MAX_NOTICE_BYTES) {
      console.error(`文件过大 / the file is larger than ${MAX_NOTICE_BYTES} bytes: not a notice`);
      return 1;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      console.error(`不是有效的 JSON / not JSON: ${err instanceof Error ? err.message : err}`);
      return 1;
    }
    const ds = await this.db.open();
    const temporal = await this.temporal.open();
    try {
      const importer = new CalendarImporter(ds, ArchiveKey.fromEnv(), new TemporalReplanStarter(temporal.client, temporal.taskQueue));
      const os = userInfo().username;
      const r = await importer.import(raw, { userId: `cli:${os}`, username: os, via: 'cli' }, options.reason);
      const n = r.notice;
      if (!r.saved) {
        console.log(
          `${n.year}年放假安排未变（${n.noticeNumber}，版本 ${n.version}）/ ${n.year}: this notice is already the current one (version ${n.version}); nothing changed`,
        );
        return 0;
      }
      console.log(
        `已载入 ${n.year}年放假安排（${n.noticeNumber}）：日历版本 ${n.version}，第${n.revision}版 / loaded ${n.year} (${n.noticeNumber}): calendar version ${n.version}, revision ${n.revision}`,
      );
      console.log(`变动日期 / changed dates (${n.changedDates.length}): ${n.changedDates.join(', ') || '—'}`);
      if (r.replanWorkflowId) console.log(`在途隐患重新排期中 / re-planning hazards in flight: workflow ${r.replanWorkflowId}`);
      return 0;
    } catch (err) {
      if (!(err instanceof NoticeRefused)) throw err;
      console.error(`放假安排未载入，数据未作任何改动 / the notice was refused; nothing changed:`);
      for (const p of err.problems) console.error(`  ${p.field}: ${p.message} / ${p.messageEn}`);
      return 1;
    }
  }
}

/** `calendar status`: each year official / provisional / missing, and the health of the calendar. */
@SubCommand({ name: 'status', description: '工作日历覆盖情况 / which years are official, provisional or missing' })
export class CalendarStatusCommand extends CliCommand {
  readonly usage = 'calendar status';

  constructor(private readonly db: CliDatabase) {
    super();
  }

  async execute() {
    const s = await new LiveCalendar(await this.db.open()).get();
    console.log(`日历版本 / calendar version ${s.version}`);
    for (const y of coverageOf(s)) {
      const label = YEAR_STATUS_LABELS[y.status];
      console.log(
        `  ${y.year}  ${y.status.padEnd(11)} ${label.zh}${y.noticeNumber ? `  ${y.noticeNumber}（${y.noticeDate}，第${y.revision}版）` : ''}`,
      );
    }
    const h = calendarHealth(s.officialYears, new Date());
    for (const r of h.reasons) console.log(`降级 / degraded: ${r.message} / ${r.messageEn}`);
    return h.degraded ? 3 : 0;
  }
}

/** `calendar estimate YEAR [--compare]`: the provisional estimate; with --compare, against the shipped notice of that year. */
@SubCommand({
  name: 'estimate',
  arguments: '[years...]',
  description: '暂定日历 / the provisional estimate of a year (--compare: day by day against its official notice)',
})
export class CalendarEstimateCommand extends CliCommand {
  readonly usage = 'calendar estimate YEAR... [--compare]';

  @Option({ flags: '--compare', description: '与正式放假安排逐日比较 / compare day by day with the shipped notice' })
  compare() {
    return true;
  }

  async execute(params: string[], options: { compare?: boolean }) {
    const years = params.map(Number).filter((y) => Number.isInteger(y) && y >= 2000 && y <= 2100);
    if (years.length === 0) return this.usageError();
    const estimate = calendarFromNotices([]);
    const official = calendarFromNotices(BUNDLED_NOTICES);
    for (const year of years) {
      if (!options.compare) {
        for (const f of estimateFestivals(year))
          console.log(
            `${year} ${f.name}: ${f.statutory.join(', ')}${f.substitutes.length ? `；补假 / given back: ${f.substitutes.join(', ')}` : ''}`,
          );
        continue;
      }
      if (!official.isYearListed(year)) {
        console.log(`${year}: 无正式放假安排可比 / no shipped notice to compare with`);
        continue;
      }
      const r = compareYear(estimate, official, year);
      console.log(
        `${year}: ${r.correct}/${r.days} 天正确 / days right (${((100 * r.correct) / r.days).toFixed(1)}%); ` +
          `工作日放假 / weekday holidays found ${r.weekdayRestFound}/${r.officialWeekdayRest}; 调休上班日 / make-up days missed ${r.missedMakeUp.length}/${r.makeUpDays}; ` +
          `漏放假 / rest missed: ${r.missedRest.join(', ') || '—'}; 误放假 / rested wrongly: ${r.wronglyRested.join(', ') || '—'}`,
      );
    }
    return 0;
  }
}

/** `calendar import | status | estimate`: the working-day calendar (工作日历). */
export const CalendarCommands = cliCommandGroup(
  'calendar',
  '工作日历 / the working-day calendar',
  [CalendarImportCommand, CalendarStatusCommand, CalendarEstimateCommand],
  'calendar import | status | estimate',
);
