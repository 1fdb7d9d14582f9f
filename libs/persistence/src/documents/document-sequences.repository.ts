import type { EntityManager } from 'typeorm';

/**
 * Takes the next number of an issuer's sequence for a year, inside the caller's transaction: the
 * row stays locked until it commits, and a rollback (the document was not stored) gives the
 * number back, so the sequence has no gaps. The first number of a year is 1.
 */
export async function nextSequence(m: EntityManager, issuerKey: string, year: number): Promise<number> {
  const [row] = (await m.query(
    `insert into document_sequences (issuer_key, year, last_seq) values ($1, $2, 1)
     on conflict (issuer_key, year) do update set last_seq = document_sequences.last_seq + 1
     returning last_seq`,
    [issuerKey, year],
  )) as { last_seq: number }[];
  return row.last_seq;
}
