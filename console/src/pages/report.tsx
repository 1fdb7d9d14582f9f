import { useRef, useState } from 'react';
import { api, ApiError, type User } from '../api';
import { useLoad } from '../components/common';
import { PhotoField, ActionForm, useAction, useDraft, DraftField } from '../components/forms';
import { useI18n, labelOptions } from '../i18n';
import { navigate } from '../router';

interface Enterprise {
  id: string;
  name: string;
}

/** 企业自查自报: describe the hazard, take photos with the phone's camera, report. */
export function ReportPage(props: { user: User }) {
  const { t, label, lang } = useI18n();
  const action = useAction();
  const own = props.user.enterpriseId;
  const enterprises = useLoad(() => (own ? Promise.resolve([]) : api<Enterprise[]>('GET', '/enterprises')), [own]);
  const [f, set, clear] = useDraft('report', {
    enterpriseId: own ?? '',
    source: own ? '企业自查' : '监督检查',
    description: '',
    location: '',
  });
  const photos = useRef<HTMLInputElement>(null);
  const [photoCount, setPhotoCount] = useState(0);
  const [partial, setPartial] = useState<{ id: string; message: string } | null>(null);

  const submit = () =>
    action.run(async () => {
      const r = await api<{ hazardId: string }>('POST', '/hazards', {
        enterpriseId: own ?? f.enterpriseId,
        source: f.source,
        description: f.description,
        ...(f.location.trim() ? { location: f.location } : {}),
      });
      clear();
      const files = [...(photos.current?.files ?? [])];
      if (files.length) {
        const form = new FormData();
        files.forEach((file) => form.append('files', file, file.name));
        try {
          await api('POST', `/hazards/${r.hazardId}/evidence?purpose=photo`, form);
        } catch (e) {
          const err = e as ApiError;
          setPartial({ id: r.hazardId, message: lang === 'zh' ? err.zh : err.en });
          return;
        }
      }
      navigate(`/hazards/${r.hazardId}`);
    });

  return (
    <div className="report-page narrow" data-testid="report-page">
      <h1>{own ? t('reportTitle') : t('navReport')}</h1>
      {partial && (
        <p className="form-error" role="alert">
          {t('photoUploadFailed', { msg: partial.message })} <a href={`#/hazards/${partial.id}`}>{t('openHazard')}</a>
        </p>
      )}
      <ActionForm
        title=""
        action={action}
        fields={['enterpriseId', 'source', 'description', 'location', 'photos', 'files']}
        onSubmit={submit}
        submitLabel={t('reportSubmit')}
        testId="report-form"
      >
        {!own && (
          <DraftField
            draft={[f, set]}
            field="enterpriseId"
            label={t('enterprise')}
            required
            empty="—"
            options={(enterprises.data ?? []).map((e) => ({ value: e.id, label: e.name }))}
          />
        )}
        <DraftField draft={[f, set]} field="source" label={t('source')} required options={labelOptions(label, 'source')} />
        <DraftField draft={[f, set]} field="description" label={t('description')} rows={4} required />
        <DraftField draft={[f, set]} field="location" label={t('location')} />
        <PhotoField inputRef={photos} count={photoCount} onChange={() => setPhotoCount(photos.current?.files?.length ?? 0)} />
      </ActionForm>
    </div>
  );
}
