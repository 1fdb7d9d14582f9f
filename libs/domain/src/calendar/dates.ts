/*
 * Date arithmetic on Asia/Shanghai calendar dates ('YYYY-MM-DD'), with no dependencies: the
 * lifecycle workflow counts working days on a calendar copy (calendar-copy.ts) through
 * working-day-calendar.ts, and anything those import is bundled into the workflows. zod (the
 * notice's schema) must stay out: with it in the bundle a worker's memory after 4,000 open
 * hazards went from 510 MB to 1.4 GB (`npm run bench intake`, 1 December).
 */
const DAY_MS = 24 * 3600 * 1000;

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = Date.parse(`${from}T00:00:00Z`); d <= Date.parse(`${to}T00:00:00Z`); d += DAY_MS)
    out.push(new Date(d).toISOString().slice(0, 10));
  return out;
}
