import { useState } from 'react';
import { api, ApiError } from '../api';
import { shanghai } from '../format';
import { useI18n } from '../i18n';
import type { TimelineRow } from '../pages/hazard';

/** The API's explanation (libs/domain/src/explanations): only what the panel shows. */
interface Explanation {
  seq: number;
  titleZh: string;
  titleEn: string;
  textZh: string[];
  textEn: string[];
  rules: { policyVersion: string; path: string; zh: string; en: string }[];
  facts: { key: string; zh: string; en: string; value: string | number | boolean | null; seq: number }[];
}

const DEADLINE_STEPS = ['graded', 'listed', 'extension.requested', 'extension.approved', 'completion.submitted', 'review.passed'];

/** Timeline steps with a computation to explain: escalations, reminders, tracing for long overdue, deadline-setting steps. */
export function explainable(r: TimelineRow): boolean {
  if (r.step === 'escalation' || r.step === 'reminder') return true;
  if (r.step === 'accountability.traced') return r.data?.trigger === 'overdue';
  return DEADLINE_STEPS.includes(r.step);
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const factValue = (v: Explanation['facts'][number]['value']) =>
  typeof v === 'string' && ISO.test(v) ? shanghai(v) : v === null ? '—' : String(v);

/** 为什么？ on a timeline step: opens the rule, the computation and the facts behind it, in the user's language. */
export function WhyButton(props: { hazardId: string; seq: number }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const [data, setData] = useState<Explanation | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const toggle = async () => {
    setOpen(!open);
    if (open || data) return;
    try {
      setData(await api<Explanation>('GET', `/hazards/${encodeURIComponent(props.hazardId)}/explanations/${props.seq}`));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'client_error', String(e), String(e)));
    }
  };
  const zh = lang === 'zh';
  return (
    <span className="why">
      <button type="button" className="link-button" data-testid="why-button" aria-expanded={open} onClick={toggle}>
        {t('why')}
      </button>
      {open && (
        <div className="explanation" data-testid="explanation" role="region" aria-label={t('why')}>
          {error && (
            <p className="error" role="alert">
              {zh ? error.zh : error.en}
            </p>
          )}
          {!data && !error && <p className="muted">{t('loading')}</p>}
          {data && (
            <>
              <p className="explanation-title">
                <strong>{zh ? data.titleZh : data.titleEn}</strong>
              </p>
              <ul className="plain" data-testid="explanation-text">
                {(zh ? data.textZh : data.textEn).slice(1).map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
              <table className="explanation-facts" data-testid="explanation-facts">
                <thead>
                  <tr>
                    <th>{t('whyFact')}</th>
                    <th>{t('whyValue')}</th>
                    <th>{t('whyRecordedBy')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.facts.map((f, i) => (
                    <tr key={i}>
                      <td>{zh ? f.zh : f.en}</td>
                      <td>{factValue(f.value)}</td>
                      <td>#{f.seq}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
      )}
    </span>
  );
}
