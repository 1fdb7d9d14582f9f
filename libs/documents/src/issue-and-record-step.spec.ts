import type { IssueDocumentInput, IssuedDocument } from './document-facts';
import type { RecordStepInput } from '@hazards/temporal/hazard-activities';
import { attachAt, issueAndRecordStep } from './issue-and-record-step';

/** A letter stage's step as the workflow builds it, before its document is known. */
const step = (): RecordStepInput =>
  ({
    hazardId: 'h-1',
    seq: 7,
    step: 'escalation',
    data: { stage: 1, action: 'supervision_letter' },
    events: [{ type: 'escalation.raised', payload: { stage: 1, detail: { label: '督办函' } } }],
    snapshot: { detail: { escalations: [{ stage: 1, detail: { label: '督办函' } }] } },
  }) as unknown as RecordStepInput;

const PATHS = [
  ['data', 'document'],
  ['events', 0, 'payload', 'detail', 'document'],
  ['snapshot', 'detail', 'escalations', 0, 'detail', 'document'],
];

const request = { key: 'h-1:ladder-1-supervision_letter', hazardId: 'h-1', kind: 'supervision_letter' } as IssueDocumentInput;

/** Issues once per key, numbering on; writes a step once per (hazard, seq); can fail once after the write. */
function fakes() {
  const issued = new Map<string, IssuedDocument>();
  const rows = new Map<string, RecordStepInput>();
  let crashNext = false;
  return {
    issued,
    rows,
    crashAfterNextWrite: () => (crashNext = true),
    issueDocument: async (i: IssueDocumentInput): Promise<IssuedDocument> => {
      if (!issued.has(i.key))
        issued.set(i.key, {
          documentId: `d-${issued.size + 1}`,
          kind: i.kind,
          number: `测督〔2026〕${issued.size + 1}号`,
          title: '督办函',
          sha256: 'ab'.repeat(32),
          sizeBytes: 1,
          fileName: 'x.docx',
          replyDueAt: null,
        });
      return issued.get(i.key)!;
    },
    recordStep: async (s: RecordStepInput) => {
      const key = `${s.hazardId}:${s.seq}`;
      const applied = !rows.has(key);
      if (applied) rows.set(key, structuredClone(s));
      if (crashNext) {
        crashNext = false;
        throw new Error('crashed after commit');
      }
      return { applied };
    },
  };
}

describe('issueAndRecordStep: a step written with the document it issues', () => {
  it("puts the document's data in the step's data, its event and its snapshot, and records the step once", async () => {
    const f = fakes();
    const out = await issueAndRecordStep(f.issueDocument, f.recordStep)({ document: request, attachAt: PATHS, step: step() });
    const row = f.rows.get('h-1:7')!;
    const data = {
      documentId: 'd-1',
      kind: 'supervision_letter',
      number: '测督〔2026〕1号',
      title: '督办函',
      sha256: 'ab'.repeat(32),
      replyDueAt: null,
    };
    expect(row.data).toEqual({ stage: 1, action: 'supervision_letter', document: data });
    expect(row.events[0].payload).toEqual({ stage: 1, detail: { label: '督办函', document: data } });
    expect((row.snapshot.detail as { escalations: unknown[] }).escalations[0]).toEqual({
      stage: 1,
      detail: { label: '督办函', document: data },
    });
    expect(out).toEqual({ applied: true, document: f.issued.get(request.key) });
  });

  it('a retry after a crash past the commit issues no second document and writes no second step', async () => {
    const f = fakes();
    const activity = issueAndRecordStep(f.issueDocument, f.recordStep);
    f.crashAfterNextWrite();
    await expect(activity({ document: request, attachAt: PATHS, step: step() })).rejects.toThrow('crashed after commit');
    const retried = await activity({ document: request, attachAt: PATHS, step: step() });
    expect(retried.applied).toBe(false);
    expect(f.issued.size).toBe(1);
    expect(f.rows.size).toBe(1);
    expect(f.rows.get('h-1:7')!.data.document).toMatchObject({ number: retried.document.number });
  });

  it('refuses a path that does not fit the step, and prototype keys, rather than guess', () => {
    expect(() => attachAt(step(), [['events', 3, 'payload', 'document']], 1)).toThrow(/does not fit the step at 2/);
    expect(() => attachAt(step(), [['data', '__proto__', 'polluted']], 1)).toThrow(/does not fit/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
