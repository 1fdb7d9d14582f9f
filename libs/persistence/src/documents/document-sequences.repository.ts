import type { DataSource, EntityManager } from 'typeorm';

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

/** Thrown inside the reservation's transaction to give the number back when the issue was reserved already. */
class AlreadyReserved extends Error {}

/**
 * The number of the document issued under `issueKey`: the one reserved by an earlier attempt, or
 * the issuer's next, reserved in a transaction of its own. The sequence row is locked only for that
 * short transaction, not while the caller renders and stores the document (every 督办函 of one
 * county in a burst of escalations queues on that row). A reserved number is used by every retry
 * of the issue, so the sequence has a gap only if an issue is abandoned between its reservation and
 * its document (its activity retries until it succeeds).
 */
export async function reserveNumber(ds: DataSource, issueKey: string, issuerKey: string, year: number): Promise<number> {
  // No look first: a new issue (nearly every call) has no reservation yet, and a retry's attempt to
  // reserve again is undone whole, its number given back, before it reads the earlier reservation.
  try {
    return await ds.transaction(async (m) => {
      const seq = await nextSequence(m, issuerKey, year);
      const [row] = (await m.query(
        `insert into document_number_reservations (issue_key, issuer_key, year, seq) values ($1, $2, $3, $4)
         on conflict (issue_key) do nothing returning seq`,
        [issueKey, issuerKey, year, seq],
      )) as { seq: number }[];
      if (!row) throw new AlreadyReserved();
      return row.seq;
    });
  } catch (err) {
    if (!(err instanceof AlreadyReserved)) throw err;
    const [earlier] = (await ds.query('select seq from document_number_reservations where issue_key = $1', [issueKey])) as {
      seq: number;
    }[];
    return earlier.seq;
  }
}
