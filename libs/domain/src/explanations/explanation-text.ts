import { shanghaiDateTime } from '../time/shanghai-time';
import { namedRuns, type DayCount } from './day-count';

/** "劳动节 Labour Day" → zh "劳动节", en "Labour Day" (notice names carry both, zh first). */
export function splitName(name: string): { zh: string; en: string } {
  const i = name.indexOf(' ');
  return i < 0 ? { zh: name, en: name } : { zh: name.slice(0, i), en: name.slice(i + 1) };
}

const md = (date: string) => date.slice(5);
const span = (r: { from: string; to: string }) => (r.from === r.to ? r.from : `${r.from}–${md(r.to)}`);

/** A count in words: "挂牌时间 2026-03-02 09:00 起算 90 个工作日（跳过 …），= 2026-07-14 09:00". */
export function countText(c: DayCount, fromLabel: { zh: string; en: string }): { zh: string; en: string } {
  const sign = c.days < 0 ? '−' : '+';
  const n = Math.abs(c.days);
  const unitZh = c.unit === 'working' ? '个工作日' : '个自然日';
  const unitEn = c.unit === 'working' ? 'working days' : 'calendar days';
  const notesZh: string[] = [];
  const notesEn: string[] = [];
  const holidays = namedRuns(c.holidaysSkipped);
  if (holidays.length) {
    notesZh.push(`跳过法定节假日：${holidays.map((r) => `${splitName(r.name).zh} ${span(r)}（${r.days}天）`).join('、')}`);
    notesEn.push(`skipping holidays: ${holidays.map((r) => `${splitName(r.name).en} ${span(r)} (${r.days} d)`).join(', ')}`);
  }
  if (c.makeUpDaysCounted.length) {
    notesZh.push(`计入调休上班日：${c.makeUpDaysCounted.map((d) => `${d.date}（${splitName(d.name).zh}调休）`).join('、')}`);
    notesEn.push(`counting make-up working days: ${c.makeUpDaysCounted.map((d) => `${d.date} (${splitName(d.name).en})`).join(', ')}`);
  }
  if (c.unit === 'working' && c.weekendDaysSkipped) {
    notesZh.push(`跳过周末 ${c.weekendDaysSkipped} 天`);
    notesEn.push(`${c.weekendDaysSkipped} weekend days skipped`);
  }
  if (c.unit === 'calendar') {
    notesZh.push('按自然日计，节假日不顺延');
    notesEn.push('calendar days: holidays are not skipped');
  }
  if (c.provisional) {
    notesZh.push('途经年份尚无国务院放假通知，按暂定日历计');
    notesEn.push('a year on the way has no State Council notice yet: counted on the provisional calendar');
  }
  return {
    zh: `${fromLabel.zh} ${shanghaiDateTime(c.from)} ${sign} ${n} ${unitZh}${notesZh.length ? `（${notesZh.join('；')}）` : ''} = ${shanghaiDateTime(c.to)}`,
    en: `${fromLabel.en} ${shanghaiDateTime(c.from)} ${sign} ${n} ${unitEn}${notesEn.length ? ` (${notesEn.join('; ')})` : ''} = ${shanghaiDateTime(c.to)}`,
  };
}
