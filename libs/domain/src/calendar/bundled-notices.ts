import { BUNDLED_NOTICE_FILES } from './data/notices';
import { calendarNoticeSchema, noticeProblems, type CalendarNotice } from './calendar-notice';

/** Validates a notice as the importer does; throws with every problem, so a bad file fails at load. */
export function parseCalendarNotice(raw: unknown, source = 'notice'): CalendarNotice {
  const parsed = calendarNoticeSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`${source}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  const problems = noticeProblems(parsed.data);
  if (problems.length) throw new Error(`${source}: ${problems.map((p) => `${p.message} / ${p.messageEn}`).join('; ')}`);
  return parsed.data;
}

/** The notices shipped in `data/notices/`, validated, by year. */
export const BUNDLED_NOTICES: CalendarNotice[] = BUNDLED_NOTICE_FILES.map((f, i) => parseCalendarNotice(f, `data/notices[${i}]`)).sort(
  (a, b) => a.year - b.year,
);
