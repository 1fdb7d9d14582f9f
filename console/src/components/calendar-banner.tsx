import { api } from '../api';
import { useI18n } from '../i18n';
import { useLoad } from './common';

interface CalendarCoverage {
  version: number;
  health: { degraded: boolean; reasons: { code: string; year: number; message: string; messageEn: string }[] };
}

/**
 * 工作日历提示: shown to supervisors while the calendar is degraded (from 1 November while next
 * year's State Council notice is not loaded): some deadlines are estimates until it is.
 */
export function CalendarBanner() {
  const { lang, t } = useI18n();
  const coverage = useLoad(() => api<CalendarCoverage>('GET', '/calendar'), []);
  const h = coverage.data?.health;
  if (!h?.degraded) return null;
  return (
    <div className="calendar-banner" role="status" data-testid="calendar-banner">
      <strong>{t('calendarBanner')}：</strong>
      {h.reasons.map((r) => (
        <span key={r.code} data-code={r.code}>
          {lang === 'zh' ? r.message : r.messageEn}{' '}
        </span>
      ))}
      <span className="muted">{t('calendarBannerHint')}</span>
    </div>
  );
}
