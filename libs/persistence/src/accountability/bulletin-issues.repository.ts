import type { EntityManager } from 'typeorm';

/** 通报 issued (issue 18): numbered, with the model it carried and the SHA-256 of its .docx. */
export interface NewBulletinIssue {
  id: string;
  number: string;
  jurisdictionId: string;
  jurisdictionPath: string;
  periodFrom: string | null;
  periodTo: string | null;
  title: string;
  issuedAt: string;
  issuedBy: unknown;
  sha256: string;
  model: unknown;
}

export async function insertBulletinIssue(m: EntityManager, b: NewBulletinIssue): Promise<void> {
  await m.query(
    `insert into bulletin_issues (id, number, jurisdiction_id, jurisdiction_path, period_from, period_to, title, issued_at, issued_by, sha256, model)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
    [
      b.id,
      b.number,
      b.jurisdictionId,
      b.jurisdictionPath,
      b.periodFrom,
      b.periodTo,
      b.title,
      b.issuedAt,
      JSON.stringify(b.issuedBy),
      b.sha256,
      JSON.stringify(b.model),
    ],
  );
}

export { nextSequence } from '../documents/document-sequences.repository';
