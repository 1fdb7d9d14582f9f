import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { IS_PUBLIC, ROLES } from '../../apps/api/src/auth/auth.decorators';
import { startApi } from '@hazards/testing/api/api-app';
import { openApiPath, RouteEntry, routeTable } from '@hazards/testing/api/route-table';

/*
 * Someone building the web console or a county's own system reads /docs: every route the API
 * registers is there, with what to send, what comes back, and each error it can answer in the
 * one error shape.
 */

let app: INestApplication;
let doc: any;
let routes: RouteEntry[];

beforeAll(async () => {
  const started = await startApi();
  app = started.app;
  routes = routeTable(app);
  const res = await fetch(`${started.baseUrl}/docs/json`);
  expect(res.status).toBe(200);
  doc = await res.json();
});

afterAll(async () => {
  await app?.close();
});

const argKinds = (r: RouteEntry): number[] =>
  Object.keys(Reflect.getMetadata(ROUTE_ARGS_METADATA, r.controller, r.handler.name) ?? {}).map((k) => Number(k.split(':')[0]));
const meta = (key: string, r: RouteEntry) => Reflect.getMetadata(key, r.handler) ?? Reflect.getMetadata(key, r.controller);
const operation = (r: RouteEntry) => doc.paths[openApiPath(r.path)]?.[r.method.toLowerCase()];

/** The errors a route can answer, from what stands in front of it and what it does. */
function expectedErrors(r: RouteEntry): number[] {
  const kinds = argKinds(r);
  const takesInput = kinds.some((k) =>
    [RouteParamtypes.BODY, RouteParamtypes.QUERY, RouteParamtypes.FILES, RouteParamtypes.FILE].includes(k),
  );
  return [
    429,
    ...(meta(IS_PUBLIC, r) ? [] : [401]),
    ...(meta(ROLES, r) ? [403] : []),
    ...(r.path.includes(':') ? [404] : []),
    ...(takesInput ? [400] : []),
    // The lifecycle actions: illegal now (409, the workflow's reason), semantically invalid (422), or not finished in time (503 action_pending).
    ...(/^POST \/hazards\/:id\/(?!evidence)/.test(r.key) ? [409, 422, 503] : []),
    ...(r.key === 'POST /hazards/:id/evidence' ? [409, 413, 415] : []),
    ...(r.key === 'POST /auth/login' ? [423] : []),
  ].sort();
}

describe('the OpenAPI document at /docs/json', () => {
  it('describes the one error shape: status, stable code, Chinese and English message, the field', () => {
    const schema = doc.components.schemas.ApiErrorBody;
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['statusCode', 'code', 'message', 'messageEn', 'field']));
    expect(schema.required).toEqual(expect.arrayContaining(['statusCode', 'code', 'message', 'messageEn']));
  });

  it('lists every route the API registers', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((r) => !operation(r)).map((r) => r.key)).toEqual([]);
  });

  it("gives every route a success answer with its schema, and the request body's schema where there is one", () => {
    const problems: string[] = [];
    for (const r of routes) {
      const op = operation(r);
      if (!op) continue;
      const success = Object.entries(op.responses ?? {}).filter(([s]) => s.startsWith('2'));
      const schemas = success.flatMap(([, v]: [string, any]) => Object.values(v.content ?? {}).map((c: any) => c.schema));
      // A 204 (No Content) answer has no body, so nothing to give a schema to.
      const noContent = success.length > 0 && success.every(([s]) => s === '204');
      if (!noContent && !schemas.some((s) => s && (s.$ref || s.type || s.allOf || s.oneOf))) problems.push(`${r.key}: no success schema`);
      const kinds = argKinds(r);
      if (kinds.includes(RouteParamtypes.BODY) || kinds.includes(RouteParamtypes.FILES)) {
        const body = Object.values(op.requestBody?.content ?? {}) as { schema?: unknown }[];
        if (!body.some((c) => c.schema)) problems.push(`${r.key}: no request body schema`);
      }
      if (kinds.includes(RouteParamtypes.QUERY) && !(op.parameters ?? []).some((p: { in: string }) => p.in === 'query'))
        problems.push(`${r.key}: no query parameters`);
    }
    expect(problems).toEqual([]);
  });

  it('gives every route each error it can answer, in the one error shape', () => {
    const problems: string[] = [];
    for (const r of routes) {
      const op = operation(r);
      if (!op) continue;
      for (const status of expectedErrors(r)) {
        const schema = op.responses?.[status]?.content?.['application/json']?.schema;
        if (schema?.$ref !== '#/components/schemas/ApiErrorBody')
          problems.push(`${r.key}: ${status} ${schema ? 'not in the error shape' : 'missing'}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
