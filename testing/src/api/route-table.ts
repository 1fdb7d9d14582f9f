import 'reflect-metadata';
import type { INestApplication, Type } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';

export interface RouteEntry {
  /** 'POST /hazards/:id/grade' */
  key: string;
  method: string;
  /** Nest's path pattern: /hazards/:id/grade */
  path: string;
  controller: Type<unknown>;
  handler: (...args: never[]) => unknown;
}

const join = (...parts: string[]) => {
  const p =
    '/' +
    parts
      .flatMap((x) => x.split('/'))
      .filter(Boolean)
      .join('/');
  return p;
};

/**
 * Every route the running Nest application registered, read from its controllers' metadata
 * (the same PATH_METADATA / METHOD_METADATA Nest's router reads), so a new controller or
 * handler shows up here without anyone listing it.
 */
export function routeTable(app: INestApplication): RouteEntry[] {
  const routes: RouteEntry[] = [];
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const controller = wrapper.metatype as Type<unknown> | null;
      if (!controller?.prototype) continue;
      const prefixes = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, controller) ?? '/');
      const proto = controller.prototype;
      for (const name of Object.getOwnPropertyNames(proto)) {
        if (name === 'constructor') continue;
        const handler = Object.getOwnPropertyDescriptor(proto, name)?.value;
        if (typeof handler !== 'function') continue;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (paths === undefined) continue;
        const methodId = Reflect.getMetadata(METHOD_METADATA, handler) as number | undefined;
        const method = methodId === undefined ? `(no HTTP method on ${controller.name}.${name})` : RequestMethod[methodId];
        for (const prefix of prefixes) {
          for (const p of ([] as string[]).concat(paths)) {
            const path = join(prefix, p);
            routes.push({ key: `${method} ${path}`, method, path, controller, handler });
          }
        }
      }
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}

/** '/hazards/:id/evidence/:fileId' → '/hazards/{id}/evidence/{fileId}' (OpenAPI's form). */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
