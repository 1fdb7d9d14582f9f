import { useEffect, useState } from 'react';
import { api, ApiError } from '../api';
import { ErrorBox, Loading, Section, useLoad } from '../components/common';
import { shanghai } from '../format';
import { bilingual, useI18n } from '../i18n';
import type { InboxMessage } from '@hazards/domain/notifications/inbox-message';

/**
 * 站内信, from apps/api/src/notifications: GET /inbox (newest first, with the unread count),
 * POST /inbox/:id/read and POST /inbox/read-all. Titles arrive as `中文 / English`, bodies as the
 * Chinese text, a `---` line and the English text.
 */
interface InboxPage {
  unread: number;
  total: number;
  items: InboxMessage[];
}

/** Bodies are the zh-CN text, a `---` line, then the English text. */
function bodyIn(lang: 'zh' | 'en', body: string): string {
  const parts = body.split(/\n-{3,}\n/);
  return parts.length < 2 ? body : (lang === 'zh' ? parts[0] : parts.slice(1).join('\n')).trim();
}

export function useUnreadCount(): number {
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    const poll = () =>
      api<InboxPage>('GET', '/inbox?limit=1').then(
        (r) => live && setN(r.unread),
        () => undefined,
      );
    void poll();
    const timer = window.setInterval(poll, 60_000);
    const onRead = () => void poll();
    window.addEventListener('inbox-changed', onRead);
    return () => {
      live = false;
      window.clearInterval(timer);
      window.removeEventListener('inbox-changed', onRead);
    };
  }, []);
  return n;
}

export function InboxPage() {
  const { t, lang } = useI18n();
  const inbox = useLoad(() => api<InboxPage>('GET', '/inbox?limit=100').then((r) => r.items), []);
  const [error, setError] = useState<ApiError | null>(null);
  const mark = async (path: string) => {
    try {
      await api('POST', path);
      window.dispatchEvent(new Event('inbox-changed'));
      inbox.reload();
    } catch (e) {
      setError(e as ApiError);
    }
  };
  if (inbox.error && inbox.error.status === 404) {
    return (
      <Section title={t('inboxTitle')} testId="inbox">
        <p className="muted">{t('inboxUnavailable', { msg: lang === 'zh' ? inbox.error.zh : inbox.error.en })}</p>
      </Section>
    );
  }
  return (
    <Section
      title={t('inboxTitle')}
      testId="inbox"
      actions={
        <button className="link" onClick={() => mark('/inbox/read-all')}>
          {t('markAllRead')}
        </button>
      }
    >
      {(inbox.error || error) && <ErrorBox error={(inbox.error ?? error)!} retry={inbox.reload} />}
      {!inbox.data && !inbox.error && <Loading />}
      {inbox.data?.length === 0 && <p className="muted">{t('inboxEmpty')}</p>}
      <ul className="inbox">
        {inbox.data?.map((m) => (
          <li key={m.id} className={m.readAt ? 'read' : 'unread'} data-testid="inbox-item">
            <div className="inbox-head">
              <strong>{bilingual(lang, m.title)}</strong>
              <span className="muted">{shanghai(m.createdAt)}</span>
            </div>
            <p className="inbox-body">{bodyIn(lang, m.body)}</p>
            <div className="inbox-actions">
              {m.hazardId && <a href={`#/hazards/${m.hazardId}`}>{t('openHazard')}</a>}
              {!m.readAt && (
                <button className="link" onClick={() => mark(`/inbox/${m.id}/read`)}>
                  {t('markRead')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </Section>
  );
}
