import { useRef, useState, type ReactElement } from 'react';
import { api, type User } from '../api';
import { num, opt, localToIso } from '../components/form-values';
import { ActionForm, Field, FilePicker, Select, useAction, useDraft, DraftField } from '../components/forms';
import { shanghai } from '../format';
import { useI18n } from '../i18n';
import type { HazardDetail, TimelineRow } from './hazard';

type Props = { hazard: HazardDetail; user: User; onDone: () => void };

/** 约谈 (issue 18) as the timeline records it: ordered by the ladder, then scheduled, then held. */
export interface InterviewProgress {
  index: number;
  dueAt: string | null;
  scheduled: { at: string; place: string } | null;
  held: boolean;
}

/** The latest interview the ladder ordered, read from the history (the read model keeps no interview list). */
export function latestInterview(timeline: TimelineRow[]): InterviewProgress | null {
  const ordered = timeline.filter((r) => r.step === 'escalation' && r.data?.action === 'interview');
  if (ordered.length === 0) return null;
  const interview = (ordered.at(-1)!.data?.interview ?? {}) as { index?: number; dueAt?: string };
  const index = interview.index ?? ordered.length - 1;
  const ofThis = (step: string) => timeline.filter((r) => r.step === step && (r.data?.interview ?? index) === index);
  const scheduled = ofThis('interview.scheduled').at(-1)?.data ?? null;
  return {
    index,
    dueAt: interview.dueAt ?? null,
    scheduled: scheduled ? { at: String(scheduled.at), place: String(scheduled.place) } : null,
    held: ofThis('interview.held').length > 0,
  };
}

/**
 * The accountability actions of a supervisor (and the enterprise's own production stop): stop and
 * resume, penalty, accident, and the interview the ladder ordered. The workflow's validators decide;
 * a refusal shows the API's message under its field and keeps what was typed.
 */
export function accountabilityForms(props: Props): ReactElement[] {
  const { hazard: h, user } = props;
  if (['closed', 'withdrawn'].includes(h.status)) return [];
  const supervisor = user.role === 'supervisor';
  const forms: ReactElement[] = [];
  const interview = supervisor ? latestInterview(h.timeline) : null;
  if (interview && !interview.held) {
    forms.push(<ScheduleInterviewForm key={`interview-${interview.index}`} {...props} interview={interview} />);
    if (interview.scheduled) forms.push(<HoldInterviewForm key={`held-${interview.index}`} {...props} interview={interview} />);
  }
  if (supervisor || (user.role === 'enterprise' && !h.productionStopped))
    forms.push(<ProductionStopForm key={`production-${h.productionStopped}`} {...props} />);
  if (supervisor) forms.push(<PenaltyForm key="penalty" {...props} />, <AccidentForm key="accident" {...props} />);
  return forms;
}

function ProductionStopForm({ hazard, onDone }: Props) {
  const { t } = useI18n();
  const action = useAction();
  const lifting = hazard.productionStopped;
  const [f, set, clear] = useDraft(`${hazard.id}.production.${lifting ? 'lift' : 'order'}`, { scope: '', reason: '' });
  const submit = () =>
    action.run(async () => {
      await api('POST', `/hazards/${hazard.id}/production-stop`, {
        action: lifting ? 'lifted' : 'ordered',
        scope: lifting ? undefined : opt(f.scope),
        reason: opt(f.reason),
      });
      clear();
      onDone();
    });
  const title = lifting ? t('productionResumeAction') : t('productionStopAction');
  return (
    <ActionForm
      title={title}
      action={action}
      fields={['scope', 'reason']}
      onSubmit={submit}
      submitLabel={title}
      testId={lifting ? 'production-resume-form' : 'production-stop-form'}
    >
      {!lifting && <DraftField draft={[f, set]} field="scope" label={t('stopScope')} />}
      <DraftField draft={[f, set]} field="reason" label={t('stopReason')} rows={2} />
    </ActionForm>
  );
}

function PenaltyForm({ hazard, onDone }: Props) {
  const { t } = useI18n();
  const action = useAction();
  const [f, set, clear] = useDraft(`${hazard.id}.penalty`, {
    lawArticle: '《安全生产法》第一百零二条',
    amountYuan: '',
    subject: 'enterprise',
    subjectName: '',
    decisionNumber: '',
    decidedAt: '',
  });
  const submit = () =>
    action.run(async () => {
      await api('POST', `/hazards/${hazard.id}/penalties`, {
        lawArticle: f.lawArticle,
        amountYuan: num(f.amountYuan),
        subject: f.subject,
        subjectName: f.subject === 'responsible_person' ? opt(f.subjectName) : undefined,
        decisionNumber: opt(f.decisionNumber),
        decidedAt: localToIso(f.decidedAt),
      });
      clear();
      onDone();
    });
  return (
    <ActionForm
      title={t('penaltyAction')}
      action={action}
      fields={['lawArticle', 'amountYuan', 'subject', 'subjectName', 'decisionNumber', 'decidedAt']}
      onSubmit={submit}
      submitLabel={t('penaltyAction')}
      testId="penalty-form"
    >
      <DraftField draft={[f, set]} field="lawArticle" label={t('lawArticle')} required />
      <DraftField draft={[f, set]} field="amountYuan" label={t('amountYuan')} inputMode="decimal" required />
      <Field label={t('penaltySubject')} name="subject" action={action}>
        <Select
          name="subject"
          value={f.subject}
          onChange={(v) => set({ subject: v })}
          options={[
            { value: 'enterprise', label: t('penaltySubjectEnterprise') },
            { value: 'responsible_person', label: t('penaltySubjectPerson') },
          ]}
        />
      </Field>
      {f.subject === 'responsible_person' && <DraftField draft={[f, set]} field="subjectName" label={t('subjectName')} required />}
      <DraftField draft={[f, set]} field="decisionNumber" label={t('decisionNumber')} />
      <DraftField draft={[f, set]} field="decidedAt" label={t('decidedAt')} type="datetime-local" />
    </ActionForm>
  );
}

function AccidentForm({ hazard, onDone }: Props) {
  const { t } = useI18n();
  const action = useAction();
  const [f, set, clear] = useDraft(`${hazard.id}.accident`, { accidentId: '', occurredAt: '', description: '', deaths: '', injuries: '' });
  const submit = () =>
    action.run(async () => {
      const deaths = num(f.deaths);
      const injuries = num(f.injuries);
      await api('POST', `/hazards/${hazard.id}/accidents`, {
        accidentId: f.accidentId,
        occurredAt: localToIso(f.occurredAt),
        description: f.description,
        casualties: deaths === undefined && injuries === undefined ? undefined : { deaths, injuries },
      });
      clear();
      onDone();
    });
  return (
    <ActionForm
      title={t('accidentAction')}
      action={action}
      fields={['accidentId', 'occurredAt', 'description', 'casualties', 'casualties.deaths', 'casualties.injuries']}
      onSubmit={submit}
      submitLabel={t('accidentAction')}
      testId="accident-form"
    >
      <DraftField draft={[f, set]} field="accidentId" label={t('accidentId')} required />
      <DraftField draft={[f, set]} field="occurredAt" label={t('occurredAt')} type="datetime-local" required />
      <DraftField draft={[f, set]} field="description" label={t('accidentDescription')} rows={2} required />
      <DraftField draft={[f, set]} field="deaths" name="casualties.deaths" label={t('deaths')} inputMode="numeric" />
      <DraftField draft={[f, set]} field="injuries" name="casualties.injuries" label={t('injuries')} inputMode="numeric" />
    </ActionForm>
  );
}

function ScheduleInterviewForm({ hazard, onDone, interview }: Props & { interview: InterviewProgress }) {
  const { t } = useI18n();
  const action = useAction();
  const [f, set, clear] = useDraft(`${hazard.id}.interview.${interview.index}.schedule`, {
    at: '',
    place: '',
    enterprisePrincipal: '',
    departmentResponsible: '',
  });
  const submit = () =>
    action.run(async () => {
      await api('POST', `/hazards/${hazard.id}/interviews/schedule`, {
        interview: interview.index,
        at: localToIso(f.at),
        place: f.place,
        enterprisePrincipal: f.enterprisePrincipal,
        departmentResponsible: f.departmentResponsible,
      });
      clear();
      onDone();
    });
  return (
    <ActionForm
      title={t('interviewScheduleAction')}
      action={action}
      fields={['at', 'place', 'enterprisePrincipal', 'departmentResponsible']}
      onSubmit={submit}
      submitLabel={t('interviewScheduleAction')}
      testId="interview-schedule-form"
    >
      <p className="muted" data-testid="interview-state">
        {t('interviewOrdered', { due: shanghai(interview.dueAt) })}
        {interview.scheduled && (
          <>
            <br />
            {t('interviewScheduledAt', { at: shanghai(interview.scheduled.at), place: interview.scheduled.place })}
          </>
        )}
      </p>
      <DraftField draft={[f, set]} field="at" label={t('interviewAt')} type="datetime-local" required />
      <DraftField draft={[f, set]} field="place" label={t('interviewPlace')} required />
      <DraftField draft={[f, set]} field="enterprisePrincipal" label={t('enterprisePrincipal')} required />
      <Field label={t('departmentResponsible')} name="departmentResponsible" action={action} required>
        <input
          name="departmentResponsible"
          value={f.departmentResponsible}
          onChange={(e) => set({ departmentResponsible: e.target.value })}
        />
      </Field>
    </ActionForm>
  );
}

/** Held: the attendees and the minutes; the minutes file is uploaded to the hazard first, then named in the record. */
function HoldInterviewForm({ hazard, onDone, interview }: Props & { interview: InterviewProgress }) {
  const { t } = useI18n();
  const action = useAction();
  const minutes = useRef<HTMLInputElement>(null);
  const [count, setCount] = useState(0);
  const [f, set, clear] = useDraft(`${hazard.id}.interview.${interview.index}.held`, { attendees: '', heldAt: '', summary: '' });
  const submit = () =>
    action.run(async () => {
      let minutesFileId: string | undefined;
      const file = minutes.current?.files?.[0];
      if (file) {
        const form = new FormData();
        form.append('files', file, file.name);
        minutesFileId = (await api<{ id: string }[]>('POST', `/hazards/${hazard.id}/evidence?purpose=evidence`, form))[0]?.id;
      }
      await api('POST', `/hazards/${hazard.id}/interviews/record`, {
        interview: interview.index,
        heldAt: localToIso(f.heldAt),
        attendees: f.attendees
          .split('\n')
          .map((a) => a.trim())
          .filter(Boolean),
        minutesFileId,
        summary: opt(f.summary),
      });
      if (minutes.current) minutes.current.value = '';
      setCount(0);
      clear();
      onDone();
    });
  return (
    <ActionForm
      title={t('interviewHoldAction')}
      action={action}
      fields={['attendees', 'minutesFileId', 'files', 'heldAt', 'summary']}
      onSubmit={submit}
      submitLabel={t('interviewHoldAction')}
      testId="interview-hold-form"
    >
      <DraftField draft={[f, set]} field="attendees" label={t('attendees')} rows={3} required />
      <Field label={t('minutesFile')} name="minutesFileId" action={action} required>
        <FilePicker
          inputRef={minutes}
          name="minutes"
          accept=".pdf,.docx,application/pdf,image/*"
          buttonLabel={t('minutesChoose')}
          count={count}
          onChange={() => setCount(minutes.current?.files?.length ?? 0)}
          testId="minutes-input"
        />
      </Field>
      {action.errorFor('files') && (
        <p className="field-error" role="alert">
          {action.errorFor('files')}
        </p>
      )}
      <DraftField draft={[f, set]} field="heldAt" label={t('heldAt')} type="datetime-local" />
      <DraftField draft={[f, set]} field="summary" label={t('interviewSummary')} rows={2} />
    </ActionForm>
  );
}
