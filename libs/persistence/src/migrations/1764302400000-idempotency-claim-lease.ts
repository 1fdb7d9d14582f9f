import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An `Idempotency-Key` still "in progress" carries the instant its request claimed it: after
 * `IDEMPOTENCY_LEASE_MS` a retry may take the claim over (the API instance running it was killed).
 */
export class IdempotencyClaimLease1764302400000 implements MigrationInterface {
  name = 'IdempotencyClaimLease1764302400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('alter table idempotency_keys add column claimed_at timestamptz not null default now()');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('alter table idempotency_keys drop column claimed_at');
  }
}
