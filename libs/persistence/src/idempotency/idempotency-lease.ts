import type { DataSource } from 'typeorm';

/**
 * The lease of an `Idempotency-Key` whose first request is still "in progress" (no answer stored):
 * the claim is its request's for `leaseMs` from `claimed_at`; after that a retry of the same
 * request takes it over, as the API instance that claimed it is taken to be dead.
 */
export interface LeaseOutcome {
  /** The caller owns the claim now and runs the request. */
  takenOver: boolean;
  /** While not taken over: whole seconds until the lease runs out (at least 1), for `Retry-After`. */
  retryAfterSeconds: number;
}

/**
 * Takes over an expired in-progress claim of the same request (same hash), atomically: of retries
 * arriving together, one takes it; a claim that got its answer meanwhile is never taken.
 */
export async function takeOverExpiredClaim(
  ds: DataSource,
  userId: string,
  key: string,
  hash: string,
  leaseMs: number,
): Promise<LeaseOutcome> {
  const rows: { taken: boolean; remaining_ms: string | null }[] = await ds.query(
    `with taken as (
       update idempotency_keys set claimed_at = now()
        where user_id = $1 and key = $2 and request_hash = $3 and status is null
          and claimed_at <= now() - make_interval(secs => $4::double precision / 1000)
       returning key)
     select exists (select 1 from taken) as taken,
            (select extract(epoch from (claimed_at + make_interval(secs => $4::double precision / 1000) - now())) * 1000
               from idempotency_keys where user_id = $1 and key = $2) as remaining_ms`,
    [userId, key, hash, leaseMs],
  );
  const remaining = Number(rows[0]?.remaining_ms ?? 0);
  return { takenOver: rows[0]?.taken === true, retryAfterSeconds: Math.max(1, Math.ceil(remaining / 1000)) };
}
