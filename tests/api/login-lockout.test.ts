import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { startApi } from '../support/api-client';
import { apiClient } from '../support/http';
import { createReferenceTree, openTestDataSource, ReferenceTree, TEST_PASSWORD } from '../support/reference-tree';

/*
 * Five wrong passwords in a row lock an account for five minutes: during the lock even the
 * right password is refused (423). Every login, failed login and refusal leaves an audit row.
 */

let ds: DataSource;
let app: INestApplication;
let tree: ReferenceTree;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  ds = await openTestDataSource();
  tree = await createReferenceTree(ds);
  const started = await startApi();
  app = started.app;
  api = apiClient(started.baseUrl);
});

afterAll(async () => {
  await app?.close();
  await ds?.destroy();
});

const login = (username: string, password: string) => api.call('POST', '/auth/login', { body: { username, password } });
const auditOf = (username: string): Promise<{ event_type: string; result: string; http_status: number; user_id: string | null; source_ip: string | null }[]> =>
  ds.query('select event_type, result, http_status, user_id, source_ip from audit_log where username = $1 order by id', [username]);

describe('a township supervisor who mistypes the password five times', () => {
  it('is locked out for five minutes, even with the right password, and every attempt is on record', async () => {
    const who = tree.users.townA;
    for (let i = 1; i <= 4; i++) {
      const r = await login(who, 'Wrong@2026!');
      expect({ attempt: i, status: r.status, code: r.body.code }).toEqual({ attempt: i, status: 401, code: 'invalid_credentials' });
    }
    const fifth = await login(who, 'Wrong@2026!');
    expect(fifth.status).toBe(423);
    expect(fifth.body).toMatchObject({ code: 'account_locked', message: expect.stringMatching(/连续5次登录失败，账号已锁定/), messageEn: expect.stringMatching(/Account locked after 5 failed logins/) });

    // The right password does not open it during the lock.
    const right = await login(who, TEST_PASSWORD);
    expect(right.status).toBe(423);
    expect(right.body.code).toBe('account_locked');
    expect(right.body.accessToken).toBeUndefined();

    // Locked for five minutes from the fifth failure.
    const [row]: { locked_until: Date }[] = await ds.query('select locked_until from users where username = $1', [who]);
    const minutes = (row.locked_until.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(4.5);
    expect(minutes).toBeLessThanOrEqual(5);

    // Other users are not affected by this lock.
    expect((await login(tree.users.townB, TEST_PASSWORD)).status).toBe(200);

    // Five minutes later (the lock moved into the past) the right password works again …
    await ds.query(`update users set locked_until = now() - interval '1 second' where username = $1`, [who]);
    const later = await login(who, TEST_PASSWORD);
    expect(later.status).toBe(200);
    expect(later.body.accessToken).toEqual(expect.any(String));
    // … and the count starts again: one more mistake is just a mistake.
    expect((await login(who, 'Wrong@2026!')).status).toBe(401);

    const userId: string = later.body.user.id;
    expect((await auditOf(who)).map((a) => [a.event_type, a.result, a.http_status, a.user_id])).toEqual([
      ['login_failed', 'failure', 401, userId],
      ['login_failed', 'failure', 401, userId],
      ['login_failed', 'failure', 401, userId],
      ['login_failed', 'failure', 401, userId],
      ['login_failed', 'failure', 423, userId],
      ['login', 'refused', 423, userId],
      ['login', 'success', 200, userId],
      ['login_failed', 'failure', 401, userId],
    ]);
    expect((await auditOf(who)).every((a) => a.source_ip !== null)).toBe(true);
  });

  it('records a login with a username nobody has, without saying whether it exists', async () => {
    const nobody = `nobody-${tree.suffix}`;
    const r = await login(nobody, TEST_PASSWORD);
    const wrongPassword = await login(tree.users.countyA, 'Wrong@2026!');
    // The same answer for an unknown user as for a wrong password.
    expect(r.status).toBe(401);
    expect({ code: r.body.code, message: r.body.message }).toEqual({ code: wrongPassword.body.code, message: wrongPassword.body.message });
    expect((await auditOf(nobody)).map((a) => [a.event_type, a.result, a.http_status, a.user_id])).toEqual([['login_failed', 'failure', 401, null]]);
  });

  it('records each refusal: a request without a token, and an enterprise trying an admin task', async () => {
    const token = await api.login(tree.users.entB, TEST_PASSWORD);
    const noToken = await api.call('GET', '/me/work-queue');
    expect(noToken.status).toBe(401);
    const forbidden = await api.call('POST', '/jurisdictions', { token, body: { id: `grid-x-${tree.suffix}`, name: '越权网格', level: 'grid', kind: '网格', parentId: tree.id.townB } });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('role_not_allowed');

    const rows: { event_type: string; result: string; http_status: number; username: string | null; detail: { code: string } }[] = await ds.query(
      `select event_type, result, http_status, username, detail from audit_log where request_id = any($1) order by id`,
      [[noToken.headers.get('x-request-id'), forbidden.headers.get('x-request-id')]]);
    expect(rows.map((r) => [r.event_type, r.result, r.http_status, r.username, r.detail.code])).toEqual([
      ['GET /me/work-queue', 'refused', 401, null, 'unauthenticated'],
      ['POST /jurisdictions', 'refused', 403, tree.users.entB, 'role_not_allowed'],
    ]);
    // And nothing was created.
    expect(await ds.query('select 1 from jurisdictions where id = $1', [`grid-x-${tree.suffix}`])).toEqual([]);
  });
});
