import type { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation } from '../postgres-errors';

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

/** The number an earlier attempt of the issue reserved, if any. */
const EARLIER_RESERVATION = 'select seq from document_number_reservations where issue_key = $1';

/**
 * The number of the document issued under `issueKey`: the one reserved by an earlier attempt, or
 * the issuer's next, reserved by one statement of its own. The sequence row is locked only while
 * PostgreSQL runs that statement and commits it: not while the caller renders and stores the
 * document (every 督办函 of one county in a burst of escalations queued on that row), and not across
 * round trips to a Node process that may be busy with other work meanwhile (the lock then waited on
 * that process's event loop). A reserved number is used by every retry of the issue, so the
 * sequence has a gap only if an issue is abandoned between its reservation and its document (its
 * activity retries until it succeeds).
 */
export async function reserveNumber(ds: DataSource, issueKey: string, issuerKey: string, year: number): Promise<number> {
  // The sequence moves only when the issue has no reservation yet. Two attempts of one new issue at
  // once: the second waits on the sequence row, then fails on the issue's key, and the failed
  // statement undoes its own step of the sequence; it then reads the first one's number.
  try {
    const [row] = (await ds.query(
      `with earlier as (${EARLIER_RESERVATION}),
            taken as (
              insert into document_sequences (issuer_key, year, last_seq)
              select $2, $3, 1 where not exists (select 1 from earlier)
              on conflict (issuer_key, year) do update set last_seq = document_sequences.last_seq + 1
              returning last_seq),
            reserved as (
              insert into document_number_reservations (issue_key, issuer_key, year, seq)
              select $1, $2, $3, last_seq from taken
              returning seq)
       select seq from reserved union all select seq from earlier`,
      [issueKey, issuerKey, year],
    )) as { seq: number }[];
    return row.seq;
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const [earlier] = (await ds.query(EARLIER_RESERVATION, [issueKey])) as { seq: number }[];
    if (!earlier) throw err;
    return earlier.seq;
  }
}
