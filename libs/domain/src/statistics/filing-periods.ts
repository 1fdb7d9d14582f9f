/**
 * Enterprise statistics filings (order 16): a quarterly one by the 15th of the month after the
 * quarter, an annual one by 31 January of the next year. Dates are Asia/Shanghai calendar dates;
 * a filing is on time when filed on or before its due date.
 */
export type FilingPeriodKind = 'quarter' | 'annual';

export interface FilingPeriod {
  kind: FilingPeriodKind;
  year: number;
  quarter: number | null;
  /** '2026-Q1' or '2026-Y' */
  key: string;
  /** First and last day of the period, 'YYYY-MM-DD'. */
  startsOn: string;
  endsOn: string;
  dueOn: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function filingPeriod(kind: FilingPeriodKind, year: number, quarter?: number | null): FilingPeriod {
  if (kind === 'annual') {
    return { kind, year, quarter: null, key: `${year}-Y`, startsOn: `${year}-01-01`, endsOn: `${year}-12-31`, dueOn: `${year + 1}-01-31` };
  }
  const q = quarter ?? 0;
  if (!Number.isInteger(q) || q < 1 || q > 4) throw new RangeError(`季度须为1–4 / quarter must be 1-4: ${quarter}`);
  const endMonth = q * 3;
  const dueYear = q === 4 ? year + 1 : year;
  const dueMonth = q === 4 ? 1 : endMonth + 1;
  return {
    kind,
    year,
    quarter: q,
    key: `${year}-Q${q}`,
    startsOn: `${year}-${pad(endMonth - 2)}-01`,
    endsOn: `${year}-${pad(endMonth)}-${pad(lastDay(year, endMonth))}`,
    dueOn: `${dueYear}-${pad(dueMonth)}-15`,
  };
}

export function parseFilingPeriodKey(key: string): FilingPeriod | null {
  const m = /^(\d{4})-(Q([1-4])|Y)$/.exec(key);
  if (!m) return null;
  return m[3] ? filingPeriod('quarter', Number(m[1]), Number(m[3])) : filingPeriod('annual', Number(m[1]));
}

/**
 * Periods whose due date has passed on `asOfDate` ('YYYY-MM-DD'), newest first, looking back
 * `quarters` quarterly periods and the annual periods due in the same window.
 */
export function periodsDueBy(asOfDate: string, quarters = 4): FilingPeriod[] {
  const year = Number(asOfDate.slice(0, 4));
  const out: FilingPeriod[] = [];
  for (let y = year; y >= year - 2; y--) {
    for (let q = 4; q >= 1; q--) out.push(filingPeriod('quarter', y, q));
  }
  const due = out.filter((p) => p.dueOn < asOfDate).slice(0, quarters);
  const oldestDue = due.length ? due[due.length - 1].dueOn : asOfDate;
  const annual = [year - 1, year - 2].map((y) => filingPeriod('annual', y)).filter((p) => p.dueOn < asOfDate && p.dueOn >= oldestDue);
  return [...due, ...annual].sort((a, b) => b.dueOn.localeCompare(a.dueOn) || a.key.localeCompare(b.key));
}

/** Today's Asia/Shanghai calendar date (kept importable from here for the filings' callers). */
export { shanghaiToday } from '../time/shanghai-time';
