import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { DataSource } from 'typeorm';
import { startApi } from '@hazards/testing/api/api-app';
import { apiClient } from '@hazards/testing/api/http-client';
import { createReferenceTree, type ReferenceTree } from '@hazards/testing/fixtures/reference-tree';
import { openTestDataSource } from '@hazards/testing/stack/test-database';

/*
 * Someone holding the dev secret (it is in the source) or a token from elsewhere tries to get in:
 * a token without `exp` (it would never expire), one signed with another algorithm, one with
 * alg "none". Each is 401; the API's own 12-hour HS256 token works.
 */

let ds: DataSource;
let app: INestApplication;
let tree: ReferenceTree;
let api: ReturnType<typeof apiClient>;
let sub: string;
const SECRET = process.env.JWT_SECRET ?? 'dev-only-secret-change-me-please';
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

beforeAll(async () => {
  ds = await openTestDataSource();
  tree = await createReferenceTree(ds);
  ({ app } = await startApi()
    .then((s) => ({ app: s.app, baseUrl: s.baseUrl }))
    .then((s) => {
      api = apiClient(s.baseUrl);
      return s;
    }));
  sub = (await ds.query('select id from users where username = $1', [tree.users.city]))[0].id;
});

afterAll(async () => {
  await app?.close();
  await ds?.destroy();
});

const me = (token: string) => api.call('GET', '/auth/me', { token });

describe('bearer tokens', () => {
  it("accepts the API's own token: HS256 with an expiry", async () => {
    const token = await new JwtService({ secret: SECRET }).signAsync({ sub }, { algorithm: 'HS256', expiresIn: '1h' });
    expect((await me(token)).status).toBe(200);
  });

  it('refuses a token without exp, even signed with the right secret', async () => {
    const forever = await new JwtService({ secret: SECRET }).signAsync({ sub }, { algorithm: 'HS256' });
    expect(JSON.parse(Buffer.from(forever.split('.')[1], 'base64url').toString()).exp).toBeUndefined();
    expect((await me(forever)).status).toBe(401);
  });

  it('refuses another algorithm and alg "none"', async () => {
    const hs512 = await new JwtService({ secret: SECRET }).signAsync({ sub }, { algorithm: 'HS512', expiresIn: '1h' });
    expect((await me(hs512)).status).toBe(401);
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub, exp: Math.floor(Date.now() / 1000) + 3600 })}.`;
    expect((await me(none)).status).toBe(401);
  });
});
