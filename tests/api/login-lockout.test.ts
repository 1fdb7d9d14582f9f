import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { startApi } from '@hazards/testing/api/api-app';
import { apiClient } from '@hazards/testing/api/http-client';
import { createReferenceTree, ReferenceTree, TEST_PASSWORD } from '@hazards/testing/fixtures/reference-tree';
import { openTestDataSource } from '@hazards/testing/stack/test-database';

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

/** From a client address of the test's own (the API trusts X-Forwarded-For from loopback, as behind a proxy). */
const login = (username: string, password: string, address?: string) =>
  api.call('POST', '/auth/login', { body: { username, password }, headers: address ? { 'x-forwarded-for': address } : {} });
const auditOf = (
  username: string,
): Promise<{ event_type: string; result: string; http_status: number; user_id: string | null; source_ip: string | null }[]> =>
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
    expect(fifth.body).toMatchObject({
      code: 'account_locked',
      message: expect.stringMatching(/连续5次登录失败，账号已锁定/),
      messageEn: expect.stringMatching(/Account locked after 5 failed logins/),
    });

    // The right password does not open it during the lock.
    const right = await login(who, TEST_PASSWORD);
    expect(right.status).toBe(423);
    expect(right.body.code).toBe('account_locked');
    expect(right.body.accessToken).toBeUndefined();

    // Locked for five minutes from the fifth failure.
    const [row]: { locked_until: Date }[] = await ds.query('select locked_until from login_guards where username = $1', [who]);
    const minutes = (row.locked_until.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(4.5);
    expect(minutes).toBeLessThanOrEqual(5);

    // Other users are not affected by this lock.
    expect((await login(tree.users.townB, TEST_PASSWORD)).status).toBe(200);

    // Five minutes later (the lock moved into the past) the right password works again …
    await ds.query(`update login_guards set locked_until = now() - interval '1 second' where username = $1`, [who]);
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

  it('twenty wrong passwords at once and then the right one: at most five are checked, and the right one is refused while locked', async () => {
    const who = tree.users.countyB;
    const wrong = await Promise.all(Array.from({ length: 20 }, () => login(who, 'Wrong@2026!', '198.51.100.1')));
    const right = await login(who, TEST_PASSWORD, '198.51.100.1');
    expect([423, 429]).toContain(right.status);
    expect(right.body.accessToken).toBeUndefined();
    // Five reached the password check (the fifth locked); the other fifteen were refused before it.
    const checked = (await auditOf(who)).filter((a) => a.event_type === 'login_failed');
    expect(checked.length).toBe(5);
    expect(wrong.filter((r) => r.status === 401).length).toBe(4);
    expect(wrong.filter((r) => r.status === 423).length).toBeGreaterThanOrEqual(1);
    expect(wrong.every((r) => [401, 423, 429].includes(r.status))).toBe(true);
    const [g]: { locked_until: Date | null }[] = await ds.query('select locked_until from login_guards where username = $1', [who]);
    expect(g.locked_until!.getTime()).toBeGreaterThan(Date.now());
  });

  it('twenty wrong passwords and the right one at the same moment: the right one never opens a locked account', async () => {
    const who = tree.users.gridA;
    const all = await Promise.all([
      ...Array.from({ length: 20 }, () => login(who, 'Wrong@2026!', '198.51.100.2')),
      login(who, TEST_PASSWORD, '198.51.100.2'),
    ]);
    const right = all[20];
    const failures = (await auditOf(who)).filter((a) => a.event_type === 'login_failed').length;
    // Either the right password was checked before five failures locked the account (and it
    // counted as a success that reset nothing already locked), or it was refused: never a 200 on a locked account.
    if (right.status === 200) expect(failures).toBeLessThan(5);
    else expect([423, 429]).toContain(right.status);
    expect(failures).toBeLessThanOrEqual(5);
    const [g]: { locked_until: Date | null }[] = await ds.query('select locked_until from login_guards where username = $1', [who]);
    if (failures === 5) {
      expect(g.locked_until!.getTime()).toBeGreaterThan(Date.now());
      expect([423, 429]).toContain((await login(who, TEST_PASSWORD, '198.51.100.2')).status);
    }
  });

  it('answers an unknown username exactly as a real one: 401 for a wrong password, 423 once locked', async () => {
    const nobody = `ghost-${tree.suffix}`;
    const real = tree.users.entADirector;
    const answers = async (u: string) => {
      const out: [number, string][] = [];
      for (let i = 0; i < 6; i++) {
        const r = await login(u, 'Wrong@2026!', '198.51.100.3');
        out.push([r.status, String(r.body.code)]);
      }
      return out;
    };
    const [ghost, person] = [await answers(nobody), await answers(real)];
    expect(ghost).toEqual(person);
    expect(ghost.map((a) => a[0])).toEqual([401, 401, 401, 401, 423, 423]);
  });

  it('one client address cannot lock account after account: past 20 failures a minute it is throttled before any password check', async () => {
    const names = Array.from({ length: 24 }, (_, i) => `victim-${i}-${tree.suffix}`);
    const answers: number[] = [];
    for (const n of names) answers.push((await login(n, 'Wrong@2026!', '198.51.100.4')).status);
    expect(answers.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(answers.slice(20)).toEqual([429, 429, 429, 429]);
    // Those names were never checked, so nothing was counted against them.
    expect(await ds.query('select username from login_guards where username = any($1)', [names.slice(20)])).toEqual([]);
    // Another address is not affected.
    expect((await login(tree.users.townB, TEST_PASSWORD, '198.51.100.5')).status).toBe(200);
  });

  it('a burst of logins beyond the hashing queue is answered 429 at once instead of making everyone wait', async () => {
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) => login(`burst-${i}-${tree.suffix}`, 'Wrong@2026!', `198.51.101.${i}`)),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(burst.filter((r) => r.status === 429).every((r) => r.body.code === 'login_busy')).toBe(true);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
  });

  it('records a login with a username nobody has, without saying whether it exists', async () => {
    const nobody = `nobody-${tree.suffix}`;
    const r = await login(nobody, TEST_PASSWORD);
    const wrongPassword = await login(tree.users.countyA, 'Wrong@2026!');
    // The same answer for an unknown user as for a wrong password.
    expect(r.status).toBe(401);
    expect({ code: r.body.code, message: r.body.message }).toEqual({ code: wrongPassword.body.code, message: wrongPassword.body.message });
    expect((await auditOf(nobody)).map((a) => [a.event_type, a.result, a.http_status, a.user_id])).toEqual([
      ['login_failed', 'failure', 401, null],
    ]);
  });

  it('records each refusal of a logged-in user; a request without a token is counted, not sealed', async () => {
    const token = await api.login(tree.users.entB, TEST_PASSWORD);
    const noToken = await api.call('GET', '/me/work-queue');
    expect(noToken.status).toBe(401);
    const forbidden = await api.call('POST', '/jurisdictions', {
      token,
      body: { id: `grid-x-${tree.suffix}`, name: '越权网格', level: 'grid', kind: '网格', parentId: tree.id.townB },
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('role_not_allowed');

    const rows: { event_type: string; result: string; http_status: number; username: string | null; detail: { code: string } }[] =
      await ds.query(`select event_type, result, http_status, username, detail from audit_log where request_id = any($1) order by id`, [
        [noToken.headers.get('x-request-id'), forbidden.headers.get('x-request-id')],
      ]);
    expect(rows.map((r) => [r.event_type, r.result, r.http_status, r.username, r.detail.code])).toEqual([
      ['POST /jurisdictions', 'refused', 403, tree.users.entB, 'role_not_allowed'],
    ]);
    // And nothing was created.
    expect(await ds.query('select 1 from jurisdictions where id = $1', [`grid-x-${tree.suffix}`])).toEqual([]);
  });
});
