import { api, fetchBlobUrl, type User } from '../api';
import { ErrorBox, Loading, Section, useLoad } from '../components/common';
import { localToIso } from '../components/form-values';
import { ActionForm, useAction, useDraft, DraftField } from '../components/forms';
import { shanghai } from '../format';
import { useI18n } from '../i18n';

/** GET /hazards/{id}/documents: 督办函, 停产整顿建议书, 挂牌/摘牌公告, 处罚决定书, in the order issued. */
export interface HazardDocument {
  documentId: string;
  kind: string;
  number: string;
  title: string;
  issuerName: string;
  issuedAt: string;
  fileName: string;
  sha256: string;
  publishedAt: string | null;
}

const NOTICE_KINDS = ['listing_notice', 'delisting_notice'];

/** The hazard page's documents tab: every document, downloadable as issued; a supervisor publishes a notice here. */
export function HazardDocuments(props: { hazardId: string; user: User; onDone: () => void }) {
  const { t, label } = useI18n();
  const docs = useLoad(() => api<HazardDocument[]>('GET', `/hazards/${encodeURIComponent(props.hazardId)}/documents`), [props.hazardId]);
  if (docs.error) return <ErrorBox error={docs.error} retry={docs.reload} />;
  if (!docs.data) return <Loading />;
  const done = () => {
    docs.reload();
    props.onDone();
  };
  return (
    <Section title={t('documents')} testId="documents">
      {docs.data.length === 0 ? (
        <p className="muted">{t('noDocuments')}</p>
      ) : (
        <table className="table" data-testid="documents-table">
          <thead>
            <tr>
              <th>{t('docTitle')}</th>
              <th>{t('docNumber')}</th>
              <th>{t('docIssuer')}</th>
              <th>{t('docIssuedAt')}</th>
              <th>{t('docPublished')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {docs.data.map((d) => (
              <tr key={d.documentId} data-testid="document-row" data-kind={d.kind} data-document-id={d.documentId}>
                <td>{label('documentKind', d.kind)}</td>
                <td data-testid="document-number">{d.number}</td>
                <td>{d.issuerName}</td>
                <td>{shanghai(d.issuedAt)}</td>
                <td data-testid="document-published">
                  {NOTICE_KINDS.includes(d.kind) ? (d.publishedAt ? shanghai(d.publishedAt) : t('docNotPublished')) : '—'}
                </td>
                <td>
                  <DownloadButton hazardId={props.hazardId} doc={d} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.user.role === 'supervisor' &&
        docs.data
          .filter((d) => NOTICE_KINDS.includes(d.kind) && !d.publishedAt)
          .map((d) => <PublishNoticeForm key={d.documentId} hazardId={props.hazardId} doc={d} onDone={done} />)}
    </Section>
  );
}

/** The download needs the bearer token, so the file is fetched and then saved under its own name. */
function DownloadButton(props: { hazardId: string; doc: HazardDocument }) {
  const { t } = useI18n();
  const save = async () => {
    const url = await fetchBlobUrl(`/hazards/${encodeURIComponent(props.hazardId)}/documents/${props.doc.documentId}/file`);
    const a = document.createElement('a');
    a.href = url;
    a.download = props.doc.fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
  return (
    <button
      type="button"
      className="link"
      onClick={() => void save()}
      data-testid="document-download"
      title={`SHA-256 ${props.doc.sha256}`}
    >
      {t('docDownload')}
    </button>
  );
}

function PublishNoticeForm(props: { hazardId: string; doc: HazardDocument; onDone: () => void }) {
  const { t, label } = useI18n();
  const action = useAction();
  const [f, set, clear] = useDraft(`${props.hazardId}.publish.${props.doc.documentId}`, { publishedAt: '' });
  const submit = () =>
    action.run(async () => {
      await api('POST', `/hazards/${encodeURIComponent(props.hazardId)}/documents/${props.doc.documentId}/publication`, {
        publishedAt: localToIso(f.publishedAt),
      });
      clear();
      props.onDone();
    });
  return (
    <ActionForm
      title={`${t('publishNotice')}：${label('documentKind', props.doc.kind)} ${props.doc.number}`}
      action={action}
      fields={['publishedAt']}
      onSubmit={submit}
      submitLabel={t('publishNotice')}
      testId="publish-notice-form"
    >
      <DraftField draft={[f, set]} field="publishedAt" label={t('publishedAt')} type="datetime-local" hint={t('publishedAtHint')} />
    </ActionForm>
  );
}
