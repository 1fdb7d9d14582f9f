import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { ApiError } from '../api';
import { shanghai } from '../format';
import { useI18n } from '../i18n';
import type { HazardListItem as HazardItem } from '@hazards/hazards/hazard-list-item';

/** A hazard as the lists show it: the server's own type (types only). */
export type { HazardItem };

/** Loads once per `deps` change; `reload` runs it again. */
export function useLoad<T>(
  load: () => Promise<T>,
  deps: unknown[],
): { data: T | null; error: ApiError | null; loading: boolean; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    load().then(
      (d) => {
        if (live) {
          setData(d);
          setError(null);
          setLoading(false);
        }
      },
      (e) => {
        if (live) {
          setError(e instanceof ApiError ? e : new ApiError(0, 'client', String(e), String(e)));
          setLoading(false);
        }
      },
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted" role="status">
      {t('loading')}
    </p>
  );
}

export function ErrorBox(props: { error: ApiError; retry?: () => void }) {
  const { lang, t } = useI18n();
  return (
    <div className="error-box" role="alert" data-testid="page-error">
      <p>{lang === 'zh' ? props.error.zh : props.error.en}</p>
      {props.retry && <button onClick={props.retry}>{t('retry')}</button>}
    </div>
  );
}

export function StatusBadge(props: { status: string }) {
  const { label } = useI18n();
  return (
    <span className={`badge status-${props.status}`} data-testid="status-badge" data-status={props.status}>
      {label('status', props.status)}
    </span>
  );
}

export function OverdueBadge(props: { item: Pick<HazardItem, 'overdue' | 'workingDaysOverdue'> }) {
  const { t } = useI18n();
  if (!props.item.overdue) return null;
  return <span className="badge overdue">{t('overdueBadge', { n: props.item.workingDaysOverdue })}</span>;
}

export function Section(props: { title: string; children: ReactNode; testId?: string; actions?: ReactNode; className?: string }) {
  return (
    <section className={`panel ${props.className ?? ''}`} data-testid={props.testId}>
      <header className="panel-header">
        <h2>{props.title}</h2>
        {props.actions}
      </header>
      {props.children}
    </section>
  );
}

export function HazardLink(props: { id: string; children: ReactNode }) {
  return (
    <a href={`#/hazards/${props.id}`} data-hazard-id={props.id}>
      {props.children}
    </a>
  );
}

/** A deadline in Beijing time, with a "provisional" marker and its explanation when it is an estimate. */
export function Deadline(props: { at: string | null | undefined; provisional?: boolean }) {
  const { t } = useI18n();
  return (
    <span className="deadline" data-testid="deadline" data-provisional={props.provisional ? 'true' : 'false'}>
      {shanghai(props.at)}
      {props.at && props.provisional && (
        <span className="badge provisional" title={t('provisionalTooltip')} data-testid="provisional-marker">
          {t('provisional')}
        </span>
      )}
    </span>
  );
}
