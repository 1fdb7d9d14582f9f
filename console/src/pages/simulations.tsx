import { useEffect, useMemo, useState } from 'react';
import { reportCharts } from '../../../libs/simulation/src/report-chart-options';
import type { SimulationReport } from '../../../libs/simulation/src/simulation-report.types';
import { reportTables } from '../../../libs/simulation/src/report-tables';
import { api, ApiError, type User } from '../api';
import { Chart } from '../components/chart';
import { ErrorBox, Section } from '../components/common';
import { ActionForm, Field, useAction } from '../components/forms';
import { bilingual, useI18n } from '../i18n';
import { navigate } from '../router';

interface Run {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  jurisdictionId: string;
  policyVersion: string | null;
  progress: { phase?: string; done?: number; total?: number };
  error: { code: string; message: string; messageEn: string } | null;
  report: SimulationReport | null;
}

/**
 * 政策推演: a supervisor submits a proposed policy (JSON, the policy schema) for a jurisdiction of
 * theirs and a period; the job's progress is polled, and the report is drawn with the same ECharts
 * options the server renders to SVG for the Markdown and .docx.
 */
export function SimulationsPage(props: { user: User; id?: string }) {
  const { t } = useI18n();
  const action = useAction();
  const [f, setF] = useState({ policy: '', jurisdictionId: props.user.jurisdictionId ?? '', from: '2026-01-01', to: '2027-01-01' });
  const submit = () =>
    action.run(async () => {
      let policy: unknown;
      try {
        policy = JSON.parse(f.policy);
      } catch {
        throw new ApiError(422, 'policy_invalid', '策略文件不是有效的 JSON。', 'The policy is not valid JSON.', 'policy');
      }
      const run = await api<Run>('POST', '/simulations', { policy, jurisdictionId: f.jurisdictionId, from: f.from, to: f.to });
      navigate(`/simulations/${run.id}`);
    });
  const loadFile = async (file: File | undefined) => {
    if (file) setF({ ...f, policy: await file.text() });
  };
  return (
    <div className="page" data-testid="simulations-page">
      <ActionForm
        title={t('simTitle')}
        action={action}
        fields={['policy', 'jurisdictionId', 'from', 'to']}
        onSubmit={submit}
        submitLabel={t('simRun')}
        testId="simulation-form"
      >
        <Field label={t('simPolicy')} name="policy" action={action} required hint={t('simPolicyHint')}>
          <input
            type="file"
            accept="application/json,.json"
            onChange={(e) => void loadFile(e.target.files?.[0])}
            data-testid="simulation-policy-file"
          />
          <textarea rows={6} value={f.policy} onChange={(e) => setF({ ...f, policy: e.target.value })} data-testid="simulation-policy" />
        </Field>
        <Field label={t('simJurisdiction')} name="jurisdictionId" action={action} required>
          <input value={f.jurisdictionId} onChange={(e) => setF({ ...f, jurisdictionId: e.target.value })} />
        </Field>
        <Field label={t('simFrom')} name="from" action={action} required>
          <input type="date" value={f.from} onChange={(e) => setF({ ...f, from: e.target.value })} />
        </Field>
        <Field label={t('simTo')} name="to" action={action} required>
          <input type="date" value={f.to} onChange={(e) => setF({ ...f, to: e.target.value })} />
        </Field>
      </ActionForm>
      {props.id && <SimulationRun id={props.id} />}
    </div>
  );
}

/** One run: progress while it runs (polled every 2 s), then the charts and tables of its report. */
function SimulationRun(props: { id: string }) {
  const { t, lang } = useI18n();
  const [run, setRun] = useState<Run | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const r = await api<Run>('GET', `/simulations/${props.id}`);
        if (!live) return;
        setRun(r);
        if (r.status === 'queued' || r.status === 'running') timer = setTimeout(() => void poll(), 2000);
      } catch (e) {
        if (live) setError(e as ApiError);
      }
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [props.id]);
  const charts = useMemo(() => (run?.report ? reportCharts(run.report) : []), [run?.report]);
  if (error) return <ErrorBox error={error} />;
  if (!run) return null;
  const p = run.progress;
  return (
    <Section title={`${t('simResult')} · ${run.policyVersion ?? ''}`} testId="simulation-run">
      <p data-testid="simulation-status" data-status={run.status}>
        {t(`simStatus_${run.status}` as const)}
        {p.total ? ` · ${p.done ?? 0}/${p.total}` : ''}
      </p>
      {run.error && (
        <p className="form-error" role="alert">
          {lang === 'zh' ? run.error.message : run.error.messageEn}
        </p>
      )}
      {run.report && (
        <>
          <p>
            <a
              href={`/simulations/${run.id}/report?format=docx`}
              onClick={(e) => {
                e.preventDefault();
                void download(run.id, 'docx');
              }}
            >
              {t('simDownloadDocx')}
            </a>
            {' · '}
            <a
              href={`/simulations/${run.id}/report?format=markdown`}
              onClick={(e) => {
                e.preventDefault();
                void download(run.id, 'markdown');
              }}
            >
              {t('simDownloadMd')}
            </a>
          </p>
          <div className="charts" data-testid="simulation-charts">
            {charts.map((c) => (
              <Chart key={c.id} option={c.option} label={bilingual(lang, c.title)} testId={`simulation-chart-${c.id}`} />
            ))}
          </div>
          {reportTables(run.report).map((tb) => (
            <div key={tb.title} className="table-wrap">
              <h3>{bilingual(lang, tb.title)}</h3>
              <table>
                <thead>
                  <tr>
                    {tb.head.map((h) => (
                      <th key={h}>{bilingual(lang, h)}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {tb.rows.map((r, i) => (
                    <tr key={i}>
                      {r.map((c, j) => (
                        <td key={j}>{bilingual(lang, c)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </>
      )}
    </Section>
  );
}

/** The report file, fetched with the session's token (a plain link would carry none). */
async function download(id: string, format: 'docx' | 'markdown'): Promise<void> {
  const token = sessionStorage.getItem('hazard-console.session');
  const res = await fetch(`/simulations/${id}/report?format=${format}`, {
    headers: token ? { authorization: `Bearer ${(JSON.parse(token) as { token: string }).token}` } : {},
  });
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `推演-${id}.${format === 'docx' ? 'docx' : 'md'}`;
  a.click();
  URL.revokeObjectURL(url);
}
