import { randomUUID } from 'node:crypto';
import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { lastValueFrom, from } from 'rxjs';
import type { DataSource } from 'typeorm';
import { ApiException } from '@hazards/api-contract/api-error';
import type { AppConfig } from '@hazards/config';
import { openTestDataSource } from '@hazards/testing/stack/test-database';
import { IdempotencyInterceptor } from '../../apps/api/src/common/idempotency.interceptor';

/*
 * A request slower than its Idempotency-Key's lease (an update waiting on a busy worker) is still
 * running when its client, tired of waiting, retries under the same key. The running request
 * renews its claim, so the retry is told "still in progress" and the request runs once; only a
 * claim whose instance stopped renewing (it died) is taken over (tests/api/idempotency-lease).
 * The interceptor runs here against the real database, with a handler that takes 3 leases.
 */

const LEASE_MS = 1000;
let ds: DataSource;
let interceptor: IdempotencyInterceptor;

beforeAll(async () => {
  ds = await openTestDataSource(2);
  interceptor = new IdempotencyInterceptor(ds, { get: () => LEASE_MS } as unknown as AppConfig);
});

afterAll(async () => {
  await ds?.destroy();
});

function requestWith(userId: string, key: string) {
  const headers: Record<string, string> = {};
  const res = {
    statusCode: 201,
    status(code: number) {
      this.statusCode = code;
      return this;
    },
    setHeader: (name: string, value: string) => {
      headers[name.toLowerCase()] = value;
    },
  };
  const req = {
    header: (name: string) => (name.toLowerCase() === 'idempotency-key' ? key : undefined),
    user: { id: userId },
    method: 'POST',
    originalUrl: '/hazards/h-1/grade',
    body: { grade: 'major' },
  };
  const context = { switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) } as unknown as ExecutionContext;
  return { context, headers, res };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('an Idempotency-Key claim while its request runs', () => {
  it('is renewed past its lease, so a retry during a slow request does not run it a second time', async () => {
    const userId = `renewal-${randomUUID()}`;
    const key = `slow-${randomUUID()}`;
    let runs = 0;
    const slowHandler: CallHandler = {
      handle: () => {
        runs += 1;
        return from(sleep(3 * LEASE_MS).then(() => ({ graded: true, run: runs })));
      },
    };
    const first = lastValueFrom(interceptor.intercept(requestWith(userId, key).context, slowHandler));

    // Two leases in: without renewal the claim would have run out and the retry taken it over.
    await sleep(2 * LEASE_MS);
    const retry = requestWith(userId, key);
    const refused = await lastValueFrom(interceptor.intercept(retry.context, slowHandler)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiException);
    expect((refused as ApiException).getStatus()).toBe(409);
    expect((refused as ApiException).code).toBe('request_in_progress');
    expect(Number(retry.headers['retry-after'])).toBeGreaterThanOrEqual(1);

    await expect(first).resolves.toEqual({ graded: true, run: 1 });
    expect(runs).toBe(1);

    // Once answered, a retry gets the stored answer and runs nothing.
    const later = requestWith(userId, key);
    await expect(lastValueFrom(interceptor.intercept(later.context, slowHandler))).resolves.toEqual({ graded: true, run: 1 });
    expect(later.headers['idempotent-replayed']).toBe('true');
    expect(runs).toBe(1);
  });
});
