import { useEffect, useState, type ReactNode } from 'react';
import { api, fetchBlobUrl, type User } from '../api';
import { Deadline, ErrorBox, Loading, OverdueBadge, Section, StatusBadge, useLoad, type HazardItem } from '../components/common';
import { shanghai } from '../format';
import { bilingual, useI18n, type StringKey } from '../i18n';
import { explainable, WhyButton } from '../components/explanation';
import { HazardActions } from './hazard-actions';
import { HazardDocuments } from './hazard-documents';
import { PLAN_PARTS } from '@hazards/domain/hazard/rectification-plan';

export interface TimelineRow {
  seq: number;
  step: string;
  at: string;
  actorId: string;
  actorName: string | null;
  actorRole: string;
  fromStatus: string | null;
  toStatus: string;
  reason: string | null;
  data: Record<string, unknown> | null;
}
export interface EvidenceRow {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  uploadedAt: string;
  purpose: string;
}
export interface HazardDetail extends HazardItem {
  detail: {
    reportedBy?: { name?: string; role?: string };
    location?: string | null;
    criterion?: { standard: string; item: string } | null;
    cause?: string | null;
    generalMode?: string | null;
    listing?: {
      level: string;
      authority: string;
      leadDepartment: string;
      publishedAt?: string;
      orderNumber?: string;
      listedAt: string;
      relistings?: { from: string; to: string; at: string }[];
    } | null;
    plan?: {
      plan: Record<string, string>;
      interimMeasures: string;
      productionStopped: boolean;
      stopScope?: string;
      submittedAt: string;
    } | null;
    planDecisions?: { decision: string; reason: string | null; at: string }[];
    deadlines?: {
      planDue: string | null;
      rectification: string | null;
      extensionRequestCutoff: string | null;
      extensionDecisionDue: string | null;
    };
    extensions?: {
      requestedAt: string;
      workingDays: number;
      reason: string;
      decision: string | null;
      decidedAt: string | null;
      decisionReason: string | null;
      approvedWorkingDays: number | null;
      newDeadline: string | null;
    }[];
    completions?: {
      submittedAt: string;
      summary?: string;
      assessment?: { by: string; assessorName?: string; conclusion: string };
      evidenceFileIds: string[];
      round: number;
    }[];
    review?: { round: number; levels: string[]; index: number; dueAt: string | null; escalatedTo: string | null } | null;
    reviews?: { round: number; level: string; result: string; reason: string | null; at: string }[];
    escalations?: { kind: string; at: string; stage?: number; action?: string; escalatedTo?: string; detail?: Record<string, unknown> }[];
    production?: { stopped: boolean; scope: string | null };
  };
  /** Every deadline of the record, each marked when it is a provisional estimate. */
  deadlines: { kind: string; at: string; deadlineProvisional: boolean }[];
  timeline: TimelineRow[];
  evidence: EvidenceRow[];
}

/** `tab`: the record (default) or its documents (`#/hazards/<id>/documents`). */
export function HazardPage(props: { id: string; user: User; tab?: string }) {
  const { t, label, lang } = useI18n();
  const h = useLoad(() => api<HazardDetail>('GET', `/hazards/${encodeURIComponent(props.id)}`), [props.id]);
  const [notice, setNotice] = useState<StringKey | null>(null);
  useEffect(() => setNotice(null), [props.id]);

  if (h.error) {
    // Not found and not visible read the same: nothing about the hazard is shown.
    return (
      <div className="hazard-page">
        <ErrorBox error={h.error} retry={h.error.status >= 500 || h.error.status === 0 ? h.reload : undefined} />
      </div>
    );
  }
  if (!h.data) return <Loading />;
  const z = h.data;
  const d = z.detail ?? {};
  const provisional = (at: string | null) => !!at && (z.deadlines ?? []).some((x) => x.at === at && x.deadlineProvisional);
  const onDone = () => {
    setNotice('done');
    h.reload();
  };

  return (
    <div className="hazard-page" data-testid="hazard-page" data-hazard-id={z.id} data-status={z.status}>
      <div className="page-title">
        <h1 data-testid="hazard-title">{z.description}</h1>
        <div className="badges">
          <StatusBadge status={z.status} /> <OverdueBadge item={z} />
          {z.grade && <span className={`badge grade-${z.grade}`}>{label('grade', z.grade)}</span>}
        </div>
      </div>
      {notice && (
        <p className="notice" role="status" data-testid="notice">
          {t(notice)}
        </p>
      )}
      <nav className="tabs" role="tablist">
        {(
          [
            ['', t('tabRecord')],
            ['documents', t('tabDocuments')],
          ] as const
        ).map(([k, text]) => (
          <a
            key={k}
            role="tab"
            aria-selected={(props.tab ?? '') === k}
            className={(props.tab ?? '') === k ? 'active' : ''}
            href={`#/hazards/${encodeURIComponent(z.id)}${k ? `/${k}` : ''}`}
            data-testid={`tab-${k || 'record'}`}
          >
            {text}
          </a>
        ))}
      </nav>
      <div className="hazard-layout">
        <div className="hazard-main">
          {props.tab === 'documents' ? (
            <HazardDocuments hazardId={z.id} user={props.user} onDone={onDone} />
          ) : (
            <>
              <Section title={t('hazardRecord')} testId="record">
                <dl className="facts">
                  <Fact k={t('enterprise')}>{z.enterpriseName ?? z.enterpriseId}</Fact>
                  <Fact k={t('status')}>{label('status', z.status)}</Fact>
                  <Fact k={t('source')}>{label('source', z.source)}</Fact>
                  <Fact k={t('location')}>{d.location ?? '—'}</Fact>
                  <Fact k={t('reportedAt')}>
                    <span data-testid="reported-at">{shanghai(z.reportedAt)}</span>
                  </Fact>
                  <Fact k={t('reportedBy')}>{d.reportedBy?.name ?? '—'}</Fact>
                  <Fact k={t('grade')}>
                    {label('grade', z.grade)}
                    {d.generalMode ? ` · ${d.generalMode === 'immediate' ? t('generalImmediate') : t('generalShort')}` : ''}
                  </Fact>
                  <Fact k={t('accidentType')}>{label('accident', z.accidentType)}</Fact>
                  <Fact k={t('industry')}>{z.industry ?? '—'}</Fact>
                  {d.criterion && (
                    <Fact k={t('criterion')}>
                      {d.criterion.standard} {d.criterion.item}
                    </Fact>
                  )}
                  {d.cause && <Fact k={t('cause')}>{d.cause}</Fact>}
                  <Fact k={t('listingLevel')}>{label('level', z.listingLevel ?? 'none')}</Fact>
                  <Fact k={t('currentDeadline')}>
                    <Deadline at={z.currentDeadline} provisional={provisional(z.currentDeadline)} />
                  </Fact>
                  <Fact k={t('deadline')}>
                    <Deadline at={z.rectificationDeadline} provisional={provisional(z.rectificationDeadline)} />
                  </Fact>
                  <Fact k={t('escalationStage')}>{z.escalationStage > 0 ? t('stageN', { n: z.escalationStage }) : t('stage0')}</Fact>
                  <Fact k={t('productionStopped')}>
                    {z.productionStopped ? `${t('yes')}${d.production?.scope ? `（${d.production.scope}）` : ''}` : t('no')}
                  </Fact>
                  <Fact k={t('extensionsCount')}>{z.extensionCount}</Fact>
                  <Fact k={t('rejections')}>{z.rejectionCount}</Fact>
                  {z.closedAt && (
                    <Fact k={t('closedAt')}>
                      <span data-testid="closed-at">{shanghai(z.closedAt)}</span>
                    </Fact>
                  )}
                </dl>
              </Section>
              <Section title={t('evidence')} testId="evidence">
                {z.evidence.length === 0 ? (
                  <p className="muted">{t('noEvidence')}</p>
                ) : (
                  <ul className="evidence">
                    {z.evidence.map((e) => (
                      <EvidenceTile key={e.id} hazardId={z.id} file={e} />
                    ))}
                  </ul>
                )}
              </Section>
              <Section title={t('plan')} testId="plan">
                {!d.plan ? (
                  <p className="muted">{t('noPlan')}</p>
                ) : (
                  <>
                    <dl className="facts wide">
                      {PLAN_PARTS.map((p) => (
                        <Fact key={p} k={label('planPart', p)}>
                          {d.plan!.plan[p]}
                        </Fact>
                      ))}
                      <Fact k={t('interimMeasures')}>{d.plan.interimMeasures}</Fact>
                      <Fact k={t('productionStopped')}>
                        {d.plan.productionStopped ? `${t('yes')}${d.plan.stopScope ? `（${d.plan.stopScope}）` : ''}` : t('no')}
                      </Fact>
                    </dl>
                    <p className="muted">
                      {shanghai(d.plan.submittedAt)}
                      {(d.planDecisions ?? []).map((p, i) => (
                        <span key={i}>
                          {' '}
                          · {label('decision', p.decision)} {shanghai(p.at)}
                          {p.reason ? `：${p.reason}` : ''}
                        </span>
                      ))}
                    </p>
                  </>
                )}
              </Section>
              {d.listing && (
                <Section title={t('listing')} testId="listing">
                  <dl className="facts">
                    <Fact k={t('listingLevel')}>{label('level', d.listing.level)}</Fact>
                    <Fact k={t('authority')}>{d.listing.authority}</Fact>
                    <Fact k={t('leadDepartment')}>{d.listing.leadDepartment}</Fact>
                    {d.listing.orderNumber && <Fact k={t('orderNumber')}>{d.listing.orderNumber}</Fact>}
                    <Fact k={t('publishedAt')}>{shanghai(d.listing.publishedAt ?? d.listing.listedAt)}</Fact>
                  </dl>
                </Section>
              )}
              {(d.extensions?.length ?? 0) > 0 && (
                <Section title={t('extensions')} testId="extensions">
                  <ul className="plain">
                    {d.extensions!.map((x, i) => (
                      <li key={i}>
                        {shanghai(x.requestedAt)} · {x.workingDays} · {x.reason} ·{' '}
                        {x.decision
                          ? `${label('decision', x.decision)}${x.approvedWorkingDays ? ` ${x.approvedWorkingDays}` : ''}${x.newDeadline ? ` → ${shanghai(x.newDeadline)}` : ''}`
                          : '…'}
                      </li>
                    ))}
                  </ul>
                </Section>
              )}
              {(d.reviews?.length || d.review) && (
                <Section title={t('reviews')} testId="reviews">
                  {d.review && z.status === 'submitted' && (
                    <p data-testid="awaiting-review">
                      {t('awaitingReviewAt', { level: label('level', d.review.levels[d.review.index]), due: shanghai(d.review.dueAt) })}
                      {d.review.escalatedTo && <> · {label('level', d.review.escalatedTo)}</>}
                    </p>
                  )}
                  <ul className="plain">
                    {(d.reviews ?? []).map((r, i) => (
                      <li key={i}>
                        {shanghai(r.at)} · {label('level', r.level)} · <strong>{label('decision', r.result)}</strong>
                        {r.reason ? ` · ${r.reason}` : ''}
                      </li>
                    ))}
                  </ul>
                </Section>
              )}
              {(d.escalations?.length ?? 0) > 0 && (
                <Section title={t('escalations')} testId="escalations">
                  <ul className="plain">
                    {d.escalations!.map((e, i) => (
                      <li key={i}>
                        {shanghai(e.at)} · {label('escalationKind', e.kind)}
                        {e.stage ? ` · ${t('stageN', { n: e.stage })}` : ''}
                        {e.action ? ` · ${label('action', e.action)}` : ''}
                        {e.escalatedTo ? ` → ${label('level', e.escalatedTo)}` : ''}
                      </li>
                    ))}
                  </ul>
                </Section>
              )}
              <Section title={t('timeline')} testId="timeline">
                <ol className="timeline">
                  {z.timeline.map((r) => (
                    <li key={r.seq} data-testid="timeline-row" data-step={r.step} className={`step-${r.step.split('.')[0]}`}>
                      <span className="when">{shanghai(r.at)}</span>
                      <span className="what">
                        <strong>{label('step', r.step)}</strong>
                        {describe(r, lang, label)}
                        {explainable(r) && <WhyButton hazardId={z.id} seq={r.seq} />}
                      </span>
                      <span className="who">{r.actorRole === 'system' ? t('system') : (r.actorName ?? r.actorId)}</span>
                    </li>
                  ))}
                </ol>
              </Section>
            </>
          )}
        </div>
        <aside className="hazard-side">
          <Section title={t('actions')} testId="actions">
            <HazardActions hazard={z} user={props.user} onDone={onDone} />
          </Section>
        </aside>
      </div>
    </div>
  );
}

function Fact(props: { k: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{props.k}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

/** A short account of what a step carried: the level, the decision, the deadline a reminder was about. */
function describe(r: TimelineRow, lang: 'zh' | 'en', label: (k: string, v: string | null | undefined) => string): string {
  const d = r.data ?? {};
  const parts: string[] = [];
  const s = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : null);
  if (r.step === 'graded') parts.push(label('grade', s('grade')), label('accident', s('accidentType')));
  if (r.step === 'listed' && s('level')) parts.push(label('level', s('level')), s('authority') ?? '');
  if (r.step === 'review.passed' || r.step === 'review.rejected' || r.step === 'closed')
    if (s('level')) parts.push(label('level', s('level')));
  if (r.step.startsWith('extension.') && typeof d.workingDays === 'number')
    parts.push(lang === 'zh' ? `${d.workingDays}个工作日` : `${d.workingDays} working days`);
  if (r.step === 'reminder') {
    const due = s('dueAt');
    parts.push(
      lang === 'zh'
        ? `${label('deadlineKind', s('deadline'))}期限 ${due ? fmt(due) : ''}${typeof d.daysBefore === 'number' ? `（提前${d.daysBefore}个工作日）` : ''}`
        : `${label('deadlineKind', s('deadline'))} due ${due ? fmt(due) : ''}${typeof d.daysBefore === 'number' ? ` (${d.daysBefore} working days before)` : ''}`,
    );
  }
  if (r.step === 'deadline_recomputed' && Array.isArray(d.moved)) {
    const moved = d.moved as { kind: string; from: string; to: string }[];
    const rect = moved.find((m) => m.kind === 'rectification');
    parts.push(lang === 'zh' ? `${moved.length}项时间调整` : `${moved.length} instants moved`);
    if (rect) parts.push(`${label('deadlineKind', 'rectification')} ${fmt(rect.from)} → ${fmt(rect.to)}`);
  }
  if (r.reason) parts.push(bilingual(lang, r.reason));
  const text = parts.filter((p) => p && p !== '—').join(' · ');
  return text ? ` · ${text}` : '';
}
const fmt = (iso: string) => shanghai(iso);

function EvidenceTile(props: { hazardId: string; file: EvidenceRow }) {
  const { t } = useI18n();
  const [url, setUrl] = useState<string | null>(null);
  const isImage = props.file.contentType.startsWith('image/');
  const path = `/hazards/${props.hazardId}/evidence/${props.file.id}`;
  useEffect(() => {
    if (!isImage) return;
    let revoked = false;
    let u: string | null = null;
    fetchBlobUrl(path)
      .then((x) => {
        u = x;
        if (!revoked) setUrl(x);
      })
      .catch(() => undefined);
    return () => {
      revoked = true;
      if (u) URL.revokeObjectURL(u);
    };
  }, [path, isImage]);
  const open = async () => {
    const u = await fetchBlobUrl(path);
    window.open(u, '_blank', 'noopener');
  };
  return (
    <li className="evidence-tile" data-testid="evidence-item" data-file-id={props.file.id}>
      {isImage ? (
        url ? (
          <img src={url} alt={props.file.fileName} data-testid="evidence-image" />
        ) : (
          <div className="img-placeholder">{t('loading')}</div>
        )
      ) : (
        <button className="doc" onClick={open}>
          {props.file.fileName}
        </button>
      )}
      <span className="caption">
        {props.file.fileName} · {shanghai(props.file.uploadedAt)}
      </span>
    </li>
  );
}
