import { createHash } from 'node:crypto';
import { DOCUMENT_LABELS } from '@hazards/domain/accountability/document-kinds';
import { documentNumber } from '@hazards/domain/accountability/document-number';
import { shanghaiYear } from '@hazards/domain/time/shanghai-time';
import type { DocumentActivities, IssueDocumentInput, IssuedDocument } from '@hazards/temporal/document-activities';

/**
 * In-memory document activities (libs/documents' contract): idempotent on the key and numbered
 * per issuing level, mark and year like the real ones. The policy simulation issues its letters and
 * notices here (nothing reaches the archive), and scenario tests assert on what the workflow asked
 * to issue and publish without PostgreSQL.
 */
export interface DocumentDesk extends DocumentActivities {
  issued(hazardId: string): (IssuedDocument & { input: IssueDocumentInput })[];
  published: Map<string, string>;
}

export function createDocumentDesk(): DocumentDesk {
  const byKey = new Map<string, IssuedDocument & { input: IssueDocumentInput }>();
  const sequences = new Map<string, number>();
  const published = new Map<string, string>();
  return {
    async issueDocument(input) {
      const found = byKey.get(input.key);
      if (found) return strip(found);
      const label = DOCUMENT_LABELS[input.kind];
      const year = shanghaiYear(input.issuedAt);
      const seqKey = `${input.issuerLevel}:${label.mark}:${year}`;
      const seq = (sequences.get(seqKey) ?? 0) + 1;
      sequences.set(seqKey, seq);
      const number = documentNumber(`测${input.issuerLevel}`, label.mark, year, seq);
      const doc = {
        documentId: `doc-${byKey.size + 1}-${input.hazardId}`,
        kind: input.kind,
        number,
        title: label.zh,
        sha256: createHash('sha256').update(input.key).digest('hex'),
        sizeBytes: 1,
        fileName: `${label.zh}.docx`,
        replyDueAt: input.facts.replyWithinWorkingDays
          ? new Date(Date.parse(input.issuedAt) + input.facts.replyWithinWorkingDays * 86_400_000).toISOString()
          : null,
        input,
      };
      byKey.set(input.key, doc);
      return strip(doc);
    },
    async publishNotice(input) {
      if (!published.has(input.documentId)) published.set(input.documentId, input.publishedAt);
    },
    issued: (hazardId) => [...byKey.values()].filter((d) => d.input.hazardId === hazardId),
    published,
  };
}

const strip = ({ input: _i, ...doc }: IssuedDocument & { input: IssueDocumentInput }): IssuedDocument => doc;
