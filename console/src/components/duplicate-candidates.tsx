import { api, type User } from '../api';
import { shanghai } from '../format';
import { useI18n } from '../i18n';
import { ErrorBox, HazardLink, useLoad } from './common';
import { useAction } from './forms';

interface Candidate {
  hazardId: string;
  status: string;
  source: string;
  description: string;
  location: string | null;
  reportedAt: string;
  descriptionSimilarity: number;
  locationSimilarity: number | null;
}
interface CandidateList {
  candidates: Candidate[];
  merged: { hazardId: string; source: string }[];
}

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);

/**
 * 疑似重复 on the grading view: earlier reports of the same enterprise with their similarity, and
 * (for supervisors) a merge button that withdraws this report as a duplicate of the one chosen.
 */
export function DuplicateCandidates(props: { hazardId: string; user: User; onDone: () => void }) {
  const { t, label, lang } = useI18n();
  const list = useLoad(
    () => api<CandidateList>('GET', `/hazards/${encodeURIComponent(props.hazardId)}/duplicate-candidates`),
    [props.hazardId],
  );
  const action = useAction();
  if (list.error) return <ErrorBox error={list.error} />;
  if (!list.data || list.data.candidates.length === 0) return null;
  const merge = (originalId: string) =>
    action.run(async () => {
      await api('POST', `/hazards/${encodeURIComponent(props.hazardId)}/merge`, { originalId });
      props.onDone();
    });
  return (
    <div className="duplicates" data-testid="duplicate-candidates">
      <h3>{t('duplicatesTitle')}</h3>
      {action.error && (
        <p className="error" role="alert">
          {lang === 'zh' ? action.error.zh : action.error.en}
        </p>
      )}
      <ul className="plain">
        {list.data.candidates.map((c) => (
          <li key={c.hazardId} data-testid="duplicate-candidate" data-hazard-id={c.hazardId}>
            <HazardLink id={c.hazardId}>{c.description}</HazardLink>
            <span className="muted">
              {' '}
              · {label('source', c.source)} · {shanghai(c.reportedAt)} · {label('status', c.status)}
            </span>
            <div>
              <span data-testid="similarity">
                {t('similarityDescription')} {pct(c.descriptionSimilarity)}
              </span>
              <span>
                {' '}
                · {t('similarityLocation')} {pct(c.locationSimilarity)}
              </span>
              {props.user.role === 'supervisor' && (
                <button type="button" data-testid="merge-button" disabled={action.busy} onClick={() => merge(c.hazardId)}>
                  {t('mergeInto')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
