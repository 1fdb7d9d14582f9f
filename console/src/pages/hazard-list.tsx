import { useEffect, useState } from 'react';
import { api, qs, ApiError } from '../api';
import { Deadline, ErrorBox, HazardLink, Loading, OverdueBadge, StatusBadge, type HazardItem } from '../components/common';
import { Select } from '../components/forms';
import { shanghai } from '../format';
import { useI18n, labelOptions } from '../i18n';
import { navigate } from '../router';

interface Page {
  items: HazardItem[];
  total: number;
  nextCursor: string | null;
}

/** All visible hazards, newest first, with the list's filters in the URL (#/hazards?status=reported). */
export function HazardListPage(props: { query: URLSearchParams }) {
  const { t, label } = useI18n();
  const status = props.query.get('status') ?? '';
  const overdue = props.query.get('overdue') ?? '';
  const q = props.query.get('q') ?? '';
  const [items, setItems] = useState<HazardItem[] | null>(null);
  const [total, setTotal] = useState(0);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [search, setSearch] = useState(q);

  const load = async (after: string | null) => {
    try {
      const page = await api<Page>('GET', `/hazards${qs({ status, overdue, q, limit: 50, cursor: after ?? undefined })}`);
      setItems((prev) => (after && prev ? [...prev, ...page.items] : page.items));
      setTotal(page.total);
      setCursor(page.nextCursor);
      setError(null);
    } catch (e) {
      setError(e as ApiError);
    }
  };
  useEffect(() => {
    setItems(null);
    void load(null);
  }, [status, overdue, q]); // eslint-disable-line react-hooks/exhaustive-deps

  const go = (patch: Record<string, string>) => navigate(`/hazards${qs({ status, overdue, q, ...patch })}`);

  return (
    <div data-testid="hazard-list">
      <div className="page-title">
        <h1>{t('hazardList')}</h1>
        <span className="muted">{t('nResults', { n: total })}</span>
      </div>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          go({ q: search });
        }}
      >
        <label>
          {t('filterStatus')}
          <Select
            name="status"
            value={status}
            onChange={(v) => go({ status: v })}
            empty={t('all')}
            options={labelOptions(label, 'status')}
          />
        </label>
        <label>
          {t('overdue')}
          <Select
            name="overdue"
            value={overdue}
            onChange={(v) => go({ overdue: v })}
            empty={t('all')}
            options={[
              { value: 'true', label: t('yes') },
              { value: 'false', label: t('no') },
            ]}
          />
        </label>
        <label className="grow">
          {t('search')}
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('searchPlaceholder')} />
        </label>
        <div className="filter-buttons">
          <button type="submit" className="primary">
            {t('search')}
          </button>
        </div>
      </form>
      {error && <ErrorBox error={error} retry={() => load(null)} />}
      {!items && !error && <Loading />}
      {items && (
        <div className="scroll-x">
          <table className="table">
            <thead>
              <tr>
                <th>{t('reportedAt')}</th>
                <th>{t('enterprise')}</th>
                <th>{t('description')}</th>
                <th>{t('status')}</th>
                <th>{t('grade')}</th>
                <th>{t('currentDeadline')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((h) => (
                <tr key={h.id} data-testid="hazard-row" data-hazard-id={h.id}>
                  <td className="nowrap">{shanghai(h.reportedAt)}</td>
                  <td>{h.enterpriseName ?? h.enterpriseId}</td>
                  <td>
                    <HazardLink id={h.id}>{h.description}</HazardLink>
                  </td>
                  <td>
                    <StatusBadge status={h.status} /> <OverdueBadge item={h} />
                  </td>
                  <td>
                    {label('grade', h.grade)}
                    {h.listingLevel ? ` · ${label('level', h.listingLevel)}` : ''}
                  </td>
                  <td className="nowrap">
                    <Deadline at={h.currentDeadline ?? h.rectificationDeadline} provisional={h.deadlineProvisional} />
                  </td>
                </tr>
              ))}
              {items.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted">
                    {t('none')}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          {cursor && <button onClick={() => load(cursor)}>{t('loadMore')}</button>}
        </div>
      )}
    </div>
  );
}
