import { useRef, useState, type ReactElement } from 'react';
import { api, type User } from '../api';
import { num, opt, localToIso } from '../components/form-values';
import { PhotoField, ActionForm, Field, FilePicker, Select, useAction, useDraft, DraftField } from '../components/forms';
import { shanghaiIso } from '../format';
import { useI18n, labelOptions } from '../i18n';
import { DuplicateCandidates } from '../components/duplicate-candidates';
import type { HazardDetail } from './hazard';
import { accountabilityForms } from './accountability-actions';
import { PLAN_PARTS } from '@hazards/domain/hazard/rectification-plan';

type Props = { hazard: HazardDetail; user: User; onDone: () => void };

/** The actions this user may take on this hazard now; the workflow's validator has the last word. */
export function HazardActions(props: Props) {
  const { t } = useI18n();
  const { hazard: h, user } = props;
  const d = h.detail ?? {};
  const open = !['closed', 'withdrawn'].includes(h.status);
  const forms: ReactElement[] = [];
  const supervisor = user.role === 'supervisor';
  const pendingExtension = (d.extensions ?? []).some((x) => x.decision === null);
  const reviewLevel = d.review && h.status === 'submitted' ? d.review.levels[d.review.index] : null;

  if (supervisor || user.role === 'grid_inspector') {
    if (h.status === 'reported')
      forms.push(
        <DuplicateCandidates key="duplicates" hazardId={h.id} user={user} onDone={props.onDone} />,
        <GradeForm key="grade" {...props} />,
      );
    if (supervisor && h.status === 'awaiting_listing') forms.push(<ListForm key="list" {...props} />);
    if (supervisor && h.status === 'plan_submitted') forms.push(<PlanDecisionForm key="plan-decision" {...props} />);
    if (supervisor && pendingExtension && open) forms.push(<ExtensionDecisionForm key="ext-decision" {...props} />);
    if (
      supervisor &&
      reviewLevel &&
      (reviewLevel === user.jurisdictionLevel || reviewLevel === 'verification' || d.review?.escalatedTo === user.jurisdictionLevel)
    ) {
      forms.push(<ReviewForm key={`review-${d.review!.round}-${reviewLevel}`} level={reviewLevel} {...props} />);
    }
    if (open)
      forms.push(
        <details key="withdraw" className="secondary-action">
          <summary>{t('withdrawAction')}</summary>
          <WithdrawForm {...props} />
        </details>,
      );
  }
  if (user.role === 'enterprise') {
    if (h.status === 'listed') forms.push(<PlanForm key="plan" {...props} />);
    if (h.status === 'rectifying') forms.push(<CompletionForm key="completion" {...props} />);
    if (open) forms.push(<EvidenceForm key="evidence" {...props} />);
    if (h.status === 'rectifying' && !pendingExtension)
      forms.push(
        <details key="ext" className="secondary-action">
          <summary>{t('requestExtension')}</summary>
          <ExtensionRequestForm {...props} />
        </details>,
      );
    if (reviewLevel === 'verification' && user.isSafetyDirector) forms.push(<ReviewForm key="verify" level="verification" {...props} />);
  }
  forms.push(...accountabilityForms(props));
  if (forms.length === 0)
    return (
      <p className="muted" data-testid="no-actions">
        {t('noActions')}
      </p>
    );
  return <div className="actions">{forms}</div>;
}

function GradeForm({ hazard, onDone }: Props) {
  const { t, label } = useI18n();
  const action = useAction();
  const [f, set, clear] = useDraft(`${hazard.id}.grade`, {
    grade: 'major',
    accidentType: '',
    industry: hazard.industry ?? '',
    standard: '',
    item: '',
    generalMode: 'immediate',
    cause: '',
  });
  const submit = () =>
    action.run(async () => {
      await api('POST', `/hazards/${hazard.id}/grade`, {
        grade: f.grade,
        accidentType: f.accidentType,
        industry: f.industry,
        ...(f.grade === 'major'
          ? { criterion: f.standard || f.item ? { standard: f.standard, item: f.item } : undefined }
          : { generalMode: f.generalMode }),
        cause: opt(f.cause),
      });
      clear();
      onDone();
    });
  return (
    <ActionForm
      title={t('gradeAction')}
      action={action}
      fields={['grade', 'accidentType', 'industry', 'criterion', 'criterion.standard', 'criterion.item', 'generalMode', 'cause']}
      onSubmit={submit}
      submitLabel={t('submit')}
      testId="grade-form"
    >
      <DraftField draft={[f, set]} field="grade" label={t('grade')} required options={labelOptions(label, 'grade')} />
      <DraftField
        draft={[f, set]}
        field="accidentType"
        label={t('accidentType')}
        required
        empty="—"
        options={labelOptions(label, 'accident')}
      />
      <DraftField draft={[f, set]} field="industry" label={t('industry')} required />
      {f.grade === 'major' ? (
        <>
          <DraftField draft={[f, set]} field="standard" name="criterion.standard" label={t('criterionStandard')} />
          <DraftField draft={[f, set]} field="item" name="criterion.item" label={t('criterionItem')} />
          {action.errorFor('criterion') && (
            <p className="field-error" role="alert">
              {action.errorFor('criterion')}
            </p>
          )}
        </>
      ) : (
        <Field label={t('generalMode')} name="generalMode" action={action}>
          <Select
            name="generalMode"
            value={f.generalMode}
            onChange={(v) => set({ generalMode: v })}
            options={[
              { value: 'immediate', label: t('generalImmediate') },
              { value: 'short', label: t('generalShort') },
            ]}
          />
        </Field>
      )}
      <DraftField draft={[f, set]} field="cause" label={t('cause')} rows={2} />
    </ActionForm>
  );
}

function ListForm({ hazard, user, onDone }: Props) {
  const { t, label } = useI18n();
  const action = useAction();
  const defaultLevel =
    user.jurisdictionLevel && ['township', 'county', 'city'].includes(user.jurisdictionLevel) ? user.jurisdictionLevel : 'county';
  const [f, set, clear] = useDraft(`${hazard.id}.list`, {
    level: defaultLevel as string,
    authority: '',
    leadDepartment: '',
    publishedAt: '',
    orderNumber: '',
    deadlineWorkingDays: '',
  });
  const submit = () =>
    action.run(async () => {
      await api('POST', `/hazards/${hazard.id}/listing`, {
        level: f.level,
        authority: f.authority,
        leadDepartment: f.leadDepartment,
        publishedAt: localToIso(f.publishedAt) ?? shanghaiIso(),
        orderNumber: opt(f.orderNumber),
        deadlineWorkingDays: num(f.deadlineWorkingDays),
      });
      clear();
      onDone();
    });
  return (
    <ActionForm
      title={t('listAction')}
      action={action}
      fields={['level', 'authority', 'leadDepartment', 'publishedAt', 'orderNumber', 'deadlineWorkingDays']}
      onSubmit={submit}
      submitLabel={t('submit')}
      testId="list-form"
    >
      <DraftField
        draft={[f, set]}
        field="level"
        label={t('listingLevel')}
        required
        options={labelOptions(label, 'level', ['township', 'county', 'city'])}
      />
      <DraftField draft={[f, set]} field="authority" label={t('authority')} required />
      <DraftField draft={[f, set]} field="leadDepartment" label={t('leadDepartment')} required />
      <DraftField draft={[f, set]} field="orderNumber" label={t('orderNumber')} />
      <DraftField draft={[f, set]} field="publishedAt" label={t('publishedAt')} type="datetime-local" />
      <Field label={t('deadlineWorkingDays')} name="deadlineWorkingDays" action={action}>
        <input
          name="deadlineWorkingDays"
          inputMode="numeric"
          value={f.deadlineWorkingDays}
          onChange={(e) => set({ deadlineWorkingDays: e.target.value })}
        />
      </Field>
    </ActionForm>
  );
}

function DecisionForm(props: Props & { kind: 'plan' | 'extension' }) {
  const { t } = useI18n();
  const { hazard, onDone, kind } = props;
  const action = useAction();
  const choices =
    kind === 'plan'
      ? [
          ['approve', t('approve')],
          ['return', t('returnPlan')],
        ]
      : [
          ['approve', t('approve')],
          ['refuse', t('refuse')],
        ];
  const [f, set, clear] = useDraft(`${hazard.id}.${kind}-decision`, { decision: 'approve', reason: '', workingDays: '' });
  const submit = () =>
    action.run(async () => {
      const path = kind === 'plan' ? 'plan/decision' : 'extensions/decision';
      await api('POST', `/hazards/${hazard.id}/${path}`, {
        decision: f.decision,
        reason: opt(f.reason),
        ...(kind === 'extension' ? { workingDays: num(f.workingDays) } : {}),
      });
      clear();
      onDone();
    });
  const pending = (hazard.detail.extensions ?? []).find((x) => x.decision === null);
  return (
    <ActionForm
      title={kind === 'plan' ? t('planDecision') : t('extensionDecision')}
      action={action}
      fields={['decision', 'reason', 'workingDays']}
      onSubmit={submit}
      submitLabel={t('submit')}
      testId={`${kind}-decision-form`}
    >
      {kind === 'extension' && pending && (
        <p className="muted">
          {pending.workingDays} · {pending.reason}
        </p>
      )}
      <fieldset className="radio-row" data-field="decision">
        {choices.map(([v, text]) => (
          <label key={v}>
            <input type="radio" name={`${kind}-decision`} value={v} checked={f.decision === v} onChange={() => set({ decision: v })} />{' '}
            {text}
          </label>
        ))}
      </fieldset>
      {kind === 'extension' && f.decision === 'approve' && (
        <Field label={t('approvedWorkingDays')} name="workingDays" action={action}>
          <input
            name="workingDays"
            inputMode="numeric"
            value={f.workingDays}
            placeholder={pending ? String(pending.workingDays) : ''}
            onChange={(e) => set({ workingDays: e.target.value })}
          />
        </Field>
      )}
      <DraftField draft={[f, set]} field="reason" label={t('reason')} rows={2} />
    </ActionForm>
  );
}
const PlanDecisionForm = (p: Props) => <DecisionForm {...p} kind="plan" />;
const ExtensionDecisionForm = (p: Props) => <DecisionForm {...p} kind="extension" />;

function ReviewForm(props: Props & { level: string }) {
  const { t, label } = useI18n();
  const { hazard, onDone, level } = props;
  const action = useAction();
  const [f, set, clear] = useDraft(`${hazard.id}.review.${hazard.detail.review?.round ?? 0}.${level}`, {
    result: 'pass',
    reason: '',
    onSiteAt: '',
  });
  const submit = () =>
    action.run(async () => {
      await api('POST', `/hazards/${hazard.id}/reviews`, {
        level,
        result: f.result,
        reason: opt(f.reason),
        onSiteAt: localToIso(f.onSiteAt),
      });
      clear();
      onDone();
    });
  return (
    <ActionForm
      title={t('reviewAction', { level: label('level', level) })}
      action={action}
      fields={['result', 'reason', 'onSiteAt']}
      onSubmit={submit}
      submitLabel={t('submit')}
      testId="review-form"
    >
      <fieldset className="radio-row" data-field="result">
        <label>
          <input type="radio" name="review-result" value="pass" checked={f.result === 'pass'} onChange={() => set({ result: 'pass' })} />{' '}
          {t('pass')}
        </label>
        <label>
          <input
            type="radio"
            name="review-result"
            value="reject"
            checked={f.result === 'reject'}
            onChange={() => set({ result: 'reject' })}
          />{' '}
          {t('reject')}
        </label>
      </fieldset>
      <DraftField draft={[f, set]} field="reason" label={t('reason')} rows={2} />
    </ActionForm>
  );
}

function WithdrawForm({ hazard, onDone }: Props) {
  const { t } = useI18n();
  const action = useAction();
  const [f, set, clear] = useDraft(`${hazard.id}.withdraw`, { kind: 'duplicate', reason: '', duplicateOf: '' });
  const submit = () =>
    action.run(async () => {
      await api('POST', `/hazards/${hazard.id}/withdrawal`, {
        kind: f.kind,
        reason: f.reason,
        duplicateOf: f.kind === 'duplicate' ? opt(f.duplicateOf) : undefined,
      });
      clear();
      onDone();
    });
  return (
    <ActionForm
      title={t('withdrawAction')}
      action={action}
      fields={['kind', 'reason', 'duplicateOf']}
      onSubmit={submit}
      submitLabel={t('submit')}
      testId="withdraw-form"
    >
      <Field label={t('source')} name="kind" action={action}>
        <Select
          name="kind"
          value={f.kind}
          onChange={(v) => set({ kind: v })}
          options={[
            { value: 'duplicate', label: t('withdrawDuplicate') },
            { value: 'false', label: t('withdrawFalse') },
          ]}
        />
      </Field>
      {f.kind === 'duplicate' && <DraftField draft={[f, set]} field="duplicateOf" label={t('duplicateOf')} />}
      <DraftField draft={[f, set]} field="reason" label={t('reason')} rows={2} required />
    </ActionForm>
  );
}

function PlanForm({ hazard, onDone }: Props) {
  const { t, label } = useI18n();
  const action = useAction();
  const [f, set, clear] = useDraft(`${hazard.id}.plan`, {
    goalAndTasks: '',
    methodsAndMeasures: '',
    fundsAndMaterials: '',
    responsibleBodyAndPeople: '',
    timeLimitAndRequirements: '',
    safetyMeasuresAndEmergencyPlan: '',
    interimMeasures: '',
    productionStopped: false,
    stopScope: '',
  });
  const submit = () =>
    action.run(async () => {
      await api('POST', `/hazards/${hazard.id}/plan`, {
        plan: Object.fromEntries(PLAN_PARTS.map((p) => [p, f[p]])),
        interimMeasures: f.interimMeasures,
        productionStopped: f.productionStopped,
        stopScope: f.productionStopped ? opt(f.stopScope) : undefined,
      });
      clear();
      onDone();
    });
  return (
    <ActionForm
      title={t('submitPlan')}
      action={action}
      fields={[...PLAN_PARTS.map((p) => `plan.${p}`), 'plan', 'interimMeasures', 'productionStopped', 'stopScope']}
      onSubmit={submit}
      submitLabel={t('submitPlan')}
      testId="plan-form"
    >
      {PLAN_PARTS.map((p) => (
        <Field key={p} label={label('planPart', p)} name={`plan.${p}`} action={action} required>
          <textarea name={`plan.${p}`} rows={2} value={f[p]} onChange={(e) => set({ [p]: e.target.value })} />
        </Field>
      ))}
      <DraftField draft={[f, set]} field="interimMeasures" label={t('interimMeasures')} rows={2} required />
      <label className="check">
        <input
          type="checkbox"
          name="productionStopped"
          checked={f.productionStopped}
          onChange={(e) => set({ productionStopped: e.target.checked })}
        />{' '}
        {t('productionStopQuestion')}
      </label>
      {f.productionStopped && <DraftField draft={[f, set]} field="stopScope" label={t('stopScope')} />}
    </ActionForm>
  );
}

/** Photos from the phone's camera (capture="environment"), or documents; uploaded at once, shown in the evidence list. */
export function EvidenceForm({ hazard, onDone }: Props) {
  const { t } = useI18n();
  const action = useAction();
  const photos = useRef<HTMLInputElement>(null);
  const docs = useRef<HTMLInputElement>(null);
  const [count, setCount] = useState(0);
  const [counts, setCounts] = useState({ photos: 0, docs: 0 });
  const [done, setDone] = useState<string | null>(null);
  const submit = () =>
    action.run(async () => {
      const files = [...(photos.current?.files ?? []), ...(docs.current?.files ?? [])];
      const form = new FormData();
      files.forEach((file) => form.append('files', file, file.name));
      const uploaded = await api<unknown[]>('POST', `/hazards/${hazard.id}/evidence?purpose=evidence`, form);
      if (photos.current) photos.current.value = '';
      if (docs.current) docs.current.value = '';
      setCount(0);
      setCounts({ photos: 0, docs: 0 });
      setDone(t('uploaded', { n: uploaded.length }));
      onDone();
    });
  const changed = () => {
    setDone(null);
    const c = { photos: photos.current?.files?.length ?? 0, docs: docs.current?.files?.length ?? 0 };
    setCounts(c);
    setCount(c.photos + c.docs);
  };
  return (
    <ActionForm
      title={t('uploadEvidence')}
      action={action}
      fields={['files']}
      onSubmit={submit}
      submitLabel={count ? `${t('upload')} (${count})` : t('upload')}
      testId="evidence-form"
      success={done}
    >
      <PhotoField inputRef={photos} count={counts.photos} onChange={changed} />
      <Field label={t('chooseFiles')} name="documents">
        <FilePicker
          inputRef={docs}
          name="documents"
          accept=".pdf,.docx,.xlsx,application/pdf"
          buttonLabel={t('chooseFilesButton')}
          count={counts.docs}
          onChange={changed}
        />
      </Field>
    </ActionForm>
  );
}

function ExtensionRequestForm({ hazard, onDone }: Props) {
  const { t } = useI18n();
  const action = useAction();
  const [f, set, clear] = useDraft(`${hazard.id}.extension`, { workingDays: '', reason: '' });
  const submit = () =>
    action.run(async () => {
      await api('POST', `/hazards/${hazard.id}/extensions`, { workingDays: num(f.workingDays), reason: f.reason });
      clear();
      onDone();
    });
  return (
    <ActionForm
      title={t('requestExtension')}
      action={action}
      fields={['workingDays', 'reason']}
      onSubmit={submit}
      submitLabel={t('requestExtension')}
      testId="extension-form"
    >
      <DraftField draft={[f, set]} field="workingDays" label={t('workingDays')} inputMode="numeric" required />
      <DraftField draft={[f, set]} field="reason" label={t('reason')} rows={2} required />
    </ActionForm>
  );
}

function CompletionForm({ hazard, onDone }: Props) {
  const { t } = useI18n();
  const action = useAction();
  const [f, set, clear] = useDraft(`${hazard.id}.completion`, {
    excluded: [] as string[],
    by: 'self',
    assessorName: '',
    conclusion: '',
    summary: '',
  });
  const evidence = hazard.evidence;
  const submit = () =>
    action.run(async () => {
      await api('POST', `/hazards/${hazard.id}/completion`, {
        evidenceFileIds: evidence.filter((e) => !f.excluded.includes(e.id)).map((e) => e.id),
        assessment:
          f.conclusion || f.by === 'third_party'
            ? { by: f.by, assessorName: f.by === 'third_party' ? opt(f.assessorName) : undefined, conclusion: f.conclusion }
            : undefined,
        summary: opt(f.summary),
      });
      clear();
      onDone();
    });
  return (
    <ActionForm
      title={t('completion')}
      action={action}
      fields={['evidenceFileIds', 'assessment', 'assessment.by', 'assessment.assessorName', 'assessment.conclusion', 'summary']}
      onSubmit={submit}
      submitLabel={t('completion')}
      testId="completion-form"
    >
      <Field label={t('completionEvidence')} name="evidenceFileIds" action={action}>
        <span className="checklist">
          {evidence.length === 0 && <span className="muted">{t('noEvidence')}</span>}
          {evidence.map((e) => (
            <label key={e.id} className="check">
              <input
                type="checkbox"
                checked={!f.excluded.includes(e.id)}
                onChange={(ev) => set({ excluded: ev.target.checked ? f.excluded.filter((x) => x !== e.id) : [...f.excluded, e.id] })}
              />{' '}
              {e.fileName}
            </label>
          ))}
        </span>
      </Field>
      <Field label={t('assessmentBy')} name="assessment.by" action={action}>
        <Select
          name="assessment.by"
          value={f.by}
          onChange={(v) => set({ by: v })}
          options={[
            { value: 'self', label: t('assessSelf') },
            { value: 'third_party', label: t('assessThird') },
          ]}
        />
      </Field>
      {f.by === 'third_party' && (
        <DraftField draft={[f, set]} field="assessorName" name="assessment.assessorName" label={t('assessorName')} />
      )}
      <DraftField draft={[f, set]} field="conclusion" name="assessment.conclusion" label={t('conclusion')} rows={2} />
      {action.errorFor('assessment') && (
        <p className="field-error" role="alert">
          {action.errorFor('assessment')}
        </p>
      )}
      <DraftField draft={[f, set]} field="summary" label={t('summary')} rows={2} />
    </ActionForm>
  );
}
