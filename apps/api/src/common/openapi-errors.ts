import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { IS_PUBLIC, ROLES } from '../auth/auth.decorators';
import { ERROR_DESCRIPTIONS } from './api-docs';

const INPUT_KINDS = new Set<number>([RouteParamtypes.BODY, RouteParamtypes.QUERY, RouteParamtypes.FILE, RouteParamtypes.FILES]);

/**
 * The errors every route can answer because of what runs in front of it, in the one error shape:
 * 401 (the bearer guard, unless public), 403 (@Roles), 404 (an id in the path), 400 (a body,
 * query or upload the validation pipe checks, and 422 for one whose meaning the service refuses), 429 (the rate limit). Added to each operation of
 * the OpenAPI document that does not describe them itself, so a new route is documented with
 * the errors it really has without anyone remembering to.
 */
export function withGuardErrorResponses(app: INestApplication, doc: OpenAPIObject): OpenAPIObject {
  const ref = { $ref: '#/components/schemas/ApiErrorBody' };
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const controller = wrapper.metatype as (new (...a: unknown[]) => unknown) | null;
      if (!controller?.prototype) continue;
      const prefixes = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, controller) ?? '/');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = Object.getOwnPropertyDescriptor(controller.prototype, name)?.value;
        const paths =
          typeof handler === 'function' ? (Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined) : undefined;
        if (paths === undefined) continue;
        const methodId = Reflect.getMetadata(METHOD_METADATA, handler) as number | undefined;
        if (methodId === undefined) continue;
        const method = RequestMethod[methodId].toLowerCase();
        const isPublic = Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, controller);
        const roles = Reflect.getMetadata(ROLES, handler) ?? Reflect.getMetadata(ROLES, controller);
        const args = Object.keys(Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {});
        const takesInput = args.some((k) => INPUT_KINDS.has(Number(k.split(':')[0])));
        for (const prefix of prefixes) {
          for (const p of ([] as string[]).concat(paths)) {
            const full =
              '/' +
              [prefix, p]
                .flatMap((x) => x.split('/'))
                .filter(Boolean)
                .join('/');
            const op = doc.paths[full.replace(/:([A-Za-z0-9_]+)/g, '{$1}')]?.[method as 'get'];
            if (!op) continue;
            // Input is checked in two steps: its form by the validation pipe (400), its meaning by the service (422: an unknown jurisdiction, a period not ended …).
            const statuses = [
              429,
              ...(isPublic ? [] : [401]),
              ...(roles ? [403] : []),
              ...(full.includes(':') ? [404] : []),
              ...(takesInput ? [400, 422] : []),
            ];
            for (const s of statuses) {
              op.responses[s] ??= { description: ERROR_DESCRIPTIONS[s], content: { 'application/json': { schema: ref } } };
            }
          }
        }
      }
    }
  }
  return doc;
}
