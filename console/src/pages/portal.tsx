import { api, qs, type User } from '../api';
import { Deadline, ErrorBox, HazardLink, Loading, OverdueBadge, StatusBadge, useLoad, type HazardItem } from '../components/common';
import { shanghai } from '../format';
import { useI18n } from '../i18n';

interface Page {
  items: HazardItem[];
  total: number;
  nextCursor: string | null;
}
interface Enterprise {
  id: string;
  name: string;
}

const ORDER = ['listed', 'rectifying', 'plan_submitted', 'submitted', 'awaiting_listing', 'reported', 'closed', 'withdrawn'];

/** The enterprise's own hazards: what is due, when, and what to do next. Cards, so it reads on a phone. */
export function PortalPage(props: { user: User }) {
  const { t, label } = useI18n();
  const list = useLoad(() => api<Page>('GET', `/hazards${qs({ limit: 200 })}`), []);
  const ent = useLoad(() => api<Enterprise[]>('GET', '/enterprises'), []);
  const name = ent.data?.find((e) => e.id === props.user.enterpriseId)?.name ?? props.user.displayName;
  const items = [...(list.data?.items ?? [])].sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      ORDER.indexOf(a.status) - ORDER.indexOf(b.status) ||
      (a.currentDeadline ?? '9').localeCompare(b.currentDeadline ?? '9'),
  );
  return (
    <div className="portal" data-testid="portal">
      <div className="page-title">
        <h1>{t('portalTitle', { name })}</h1>
        <a className="button primary" href="#/report" data-testid="report-link">
          {t('navReport')}
        </a>
      </div>
      {list.error && <ErrorBox error={list.error} retry={list.reload} />}
      {!list.data && !list.error && <Loading />}
      {list.data && items.length === 0 && <p className="muted">{t('portalEmpty')}</p>}
      <ul className="cards">
        {items.map((h) => (
          <li
            key={h.id}
            className={`card${h.overdue ? ' is-overdue' : ''}`}
            data-testid="portal-item"
            data-hazard-id={h.id}
            data-status={h.status}
          >
            <HazardLink id={h.id}>
              <strong className="card-title">{h.description}</strong>
            </HazardLink>
            <div className="badges">
              <StatusBadge status={h.status} /> <OverdueBadge item={h} />
              {h.grade && <span className={`badge grade-${h.grade}`}>{label('grade', h.grade)}</span>}
            </div>
            <dl className="card-facts">
              <div>
                <dt>{t('nextStep')}</dt>
                <dd data-testid="next-step">{label('nextStep', h.status)}</dd>
              </div>
              <div>
                <dt>{t('due')}</dt>
                <dd>
                  <Deadline at={h.currentDeadline ?? h.rectificationDeadline} provisional={h.deadlineProvisional} />
                </dd>
              </div>
              <div>
                <dt>{t('reportedAt')}</dt>
                <dd>{shanghai(h.reportedAt)}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
    </div>
  );
}
