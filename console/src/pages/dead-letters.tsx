import { useState } from 'react';
import { api, ApiError } from '../api';
import { ErrorBox, Loading, Section, useLoad } from '../components/common';
import { errorText } from '../components/forms';
import { shanghai } from '../format';
import { useI18n } from '../i18n';

/** GET /admin/dead-letters: jobs that exhausted their retries, newest first. */
interface DeadLetter {
  id: string;
  queue: string;
  jobId: string;
  jobName: string;
  error: string;
  attemptsMade: number;
  failedAt: string;
  resendCount?: number;
  resentAt?: string | null;
}

/**
 * 死信 (admins): each dead letter with a re-send button. Re-sending puts the job back on its queue
 * under the same job id (a notification keeps its delivery id, so a receiver that has it drops the
 * duplicate); the API audits who did it.
 */
export function DeadLettersPage() {
  const { t } = useI18n();
  const list = useLoad(() => api<DeadLetter[]>('GET', '/admin/dead-letters'), []);
  if (list.error) return <ErrorBox error={list.error} retry={list.reload} />;
  if (!list.data) return <Loading />;
  return (
    <div className="board" data-testid="dead-letters">
      <div className="page-title">
        <h1>{t('deadLettersTitle')}</h1>
      </div>
      <Section title={t('navDeadLetters')}>
        {list.data.length === 0 ? (
          <p className="muted">{t('deadLettersNone')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>{t('deadLetterFailedAt')}</th>
                <th>{t('deadLetterQueue')}</th>
                <th>{t('deadLetterJob')}</th>
                <th>{t('deadLetterError')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.data.map((d) => (
                <DeadLetterRow key={d.id} letter={d} onResent={list.reload} />
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </div>
  );
}

function DeadLetterRow(props: { letter: DeadLetter; onResent: () => void }) {
  const { t, lang } = useI18n();
  const d = props.letter;
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const resend = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ queue: string; jobId: string }>('POST', `/admin/dead-letters/${encodeURIComponent(d.id)}/resend`);
      setDone(t('resendDone', { queue: r.queue, job: r.jobId }));
      props.onResent();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'client', String(e), String(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <tr data-testid="dead-letter-row" data-dead-letter-id={d.id}>
      <td>{shanghai(d.failedAt)}</td>
      <td>{d.queue}</td>
      <td>
        {d.jobName} · <code>{d.jobId}</code>
      </td>
      <td>
        {d.error}
        {(d.resendCount ?? 0) > 0 && (
          <div className="muted" data-testid="dead-letter-resent">
            {t('deadLetterResent', { n: d.resendCount ?? 0 })}
            {d.resentAt ? ` · ${shanghai(d.resentAt)}` : ''}
          </div>
        )}
        {done && (
          <div className="form-success" role="status">
            {done}
          </div>
        )}
        {error && (
          <div className="form-error" role="alert">
            {errorText(lang, error)}
          </div>
        )}
      </td>
      <td>
        <button type="button" onClick={() => void resend()} disabled={busy} data-testid="dead-letter-resend">
          {t('resend')}
        </button>
      </td>
    </tr>
  );
}
