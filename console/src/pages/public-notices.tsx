import { useState, type FormEvent } from 'react';
import { api, qs } from '../api';
import { ErrorBox, Loading, useLoad } from '../components/common';
import { shanghai } from '../format';
import { useI18n } from '../i18n';
import { navigate } from '../router';
import type { PublicNotice } from '@hazards/persistence/documents/public-notice';

interface Page {
  items: PublicNotice[];
  nextBefore: string | null;
}

/**
 * 公示 (`#/public`, no login): the published 挂牌督办 and 摘牌 notices of a jurisdiction, newest
 * first. The jurisdiction is in the address (`#/public?jurisdictionId=…`), so a government site can
 * link its own page; without one, every published notice.
 */
export function PublicNoticesPage(props: { jurisdictionId: string | null }) {
  const { t, label, lang, setLang } = useI18n();
  const [typed, setTyped] = useState(props.jurisdictionId ?? '');
  const [more, setMore] = useState<PublicNotice[]>([]);
  const [next, setNext] = useState<string | null | undefined>(undefined);
  const [moreError, setMoreError] = useState<Parameters<typeof ErrorBox>[0]['error'] | null>(null);
  const first = useLoad(async () => {
    const p = await api<Page>('GET', `/public/notices${qs({ jurisdictionId: props.jurisdictionId })}`);
    setMore([]);
    setNext(p.nextBefore);
    return p;
  }, [props.jurisdictionId]);
  const loadMore = async () => {
    if (!next) return;
    try {
      const p = await api<Page>('GET', `/public/notices${qs({ jurisdictionId: props.jurisdictionId, before: next })}`);
      setMore((m) => [...m, ...p.items]);
      setNext(p.nextBefore);
    } catch (e) {
      setMoreError(e as Parameters<typeof ErrorBox>[0]['error']);
    }
  };
  const filter = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/public${qs({ jurisdictionId: typed.trim() })}`);
  };
  const items = [...(first.data?.items ?? []), ...more];
  return (
    <div className="public-page" data-testid="public-notices">
      <header className="page-title">
        <h1>{t('publicTitle')}</h1>
        <span>
          <button className="link" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} data-testid="lang-switch">
            {t('switchLang')}
          </button>{' '}
          · <a href="#/login">{t('publicLogin')}</a>
        </span>
      </header>
      <p className="muted">{t('publicNote')}</p>
      <form className="filters" onSubmit={filter}>
        <label className="field">
          <span className="field-label">{t('publicJurisdiction')}</span>
          <input name="jurisdictionId" value={typed} onChange={(e) => setTyped(e.target.value)} />
        </label>
        <button type="submit">{t('search')}</button>
      </form>
      {first.error ? (
        <ErrorBox error={first.error} />
      ) : !first.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <p className="muted">{t('publicNone')}</p>
      ) : (
        items.map((n) => (
          <article key={n.number} className="notice-card" data-testid="public-notice" data-kind={n.kind} data-number={n.number}>
            <h2>
              {label('documentKind', n.kind)} · {n.number}
            </h2>
            <dl className="facts">
              <div className="fact">
                <dt>{t('enterprise')}</dt>
                <dd>{n.enterprise}</dd>
              </div>
              <div className="fact">
                <dt>{t('publicHazard')}</dt>
                <dd>{n.hazard}</dd>
              </div>
              <div className="fact">
                <dt>{t('publicAuthority')}</dt>
                <dd>
                  {n.listingAuthority ?? '—'}
                  {n.listingLevel ? `（${label('level', n.listingLevel)}）` : ''}
                </dd>
              </div>
              <div className="fact">
                <dt>{t('publicLeadDepartment')}</dt>
                <dd>{n.leadDepartment ?? '—'}</dd>
              </div>
              {n.orderNumber && (
                <div className="fact">
                  <dt>{t('publicOrderNumber')}</dt>
                  <dd>{n.orderNumber}</dd>
                </div>
              )}
              {n.kind === 'delisting_notice' ? (
                <div className="fact">
                  <dt>{t('publicClosedAt')}</dt>
                  <dd>{shanghai(n.closedAt)}</dd>
                </div>
              ) : (
                <div className="fact">
                  <dt>{t('publicDeadline')}</dt>
                  <dd>{shanghai(n.deadline, false)}</dd>
                </div>
              )}
              <div className="fact">
                <dt>{t('docIssuer')}</dt>
                <dd>{n.issuerName}</dd>
              </div>
              <div className="fact">
                <dt>{t('publishedAt')}</dt>
                <dd data-testid="public-published-at">{shanghai(n.publishedAt)}</dd>
              </div>
            </dl>
          </article>
        ))
      )}
      {moreError && <ErrorBox error={moreError} />}
      {next && (
        <button type="button" onClick={() => void loadMore()}>
          {t('loadMore')}
        </button>
      )}
      <footer className="footer muted">{t('timesNote')}</footer>
    </div>
  );
}
