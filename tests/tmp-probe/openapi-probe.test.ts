import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ApiModule } from '../../apps/api/src/app.module';
import { IS_PUBLIC, ROLES } from '../../apps/api/src/auth/auth.decorators';
import { BulletinsModule } from '../../apps/api/src/bulletins/bulletins.module';
import { CampaignsModule } from '../../apps/api/src/campaigns/campaigns.module';
import { ApiErrorBody } from '../../apps/api/src/common/api-error';
import { withGuardErrorResponses } from '../../apps/api/src/common/openapi-errors';
import { ImportsModule } from '../../apps/api/src/imports/imports.module';
import { StatisticsModule } from '../../apps/api/src/statistics/statistics.module';
import { openApiPath, routeTable, RouteEntry } from '../support/route-table';

@Module({ imports: [ApiModule, StatisticsModule, CampaignsModule, BulletinsModule, ImportsModule] })
class ProbeModule {}

it('probe', async () => {
  const app = await NestFactory.create(ProbeModule, { logger: false });
  await app.init();
  const doc: any = withGuardErrorResponses(app, SwaggerModule.createDocument(app, new DocumentBuilder().build(), { extraModels: [ApiErrorBody] }));
  const routes = routeTable(app);
  const argKinds = (r: RouteEntry): number[] => Object.keys(Reflect.getMetadata(ROUTE_ARGS_METADATA, r.controller, r.handler.name) ?? {}).map((k) => Number(k.split(':')[0]));
  const meta = (key: string, r: RouteEntry) => Reflect.getMetadata(key, r.handler) ?? Reflect.getMetadata(key, r.controller);
  const out: Record<string, string[]> = {};
  for (const r of routes) {
    const problems: string[] = [];
    const op = doc.paths[openApiPath(r.path)]?.[r.method.toLowerCase()];
    if (!op) { out[r.key] = ['not in document']; continue; }
    const success = Object.entries(op.responses ?? {}).filter(([s]) => s.startsWith('2'));
    const schemas = success.flatMap(([, v]: [string, any]) => Object.values(v.content ?? {}).map((c: any) => c.schema));
    const noContent = success.length > 0 && success.every(([s]) => s === '204');
    if (!noContent && !schemas.some((s) => s && (s.$ref || s.type || s.allOf || s.oneOf))) problems.push('no success schema');
    const kinds = argKinds(r);
    if ((kinds.includes(RouteParamtypes.BODY) || kinds.includes(RouteParamtypes.FILES)) && !Object.values(op.requestBody?.content ?? {}).some((c: any) => c.schema)) problems.push('no request body schema');
    if (kinds.includes(RouteParamtypes.QUERY) && !(op.parameters ?? []).some((p: { in: string }) => p.in === 'query')) problems.push('no query parameters');
    const takesInput = kinds.some((k) => [RouteParamtypes.BODY, RouteParamtypes.QUERY, RouteParamtypes.FILES, RouteParamtypes.FILE].includes(k));
    const expected = [429, ...(meta(IS_PUBLIC, r) ? [] : [401]), ...(meta(ROLES, r) ? [403] : []), ...(r.path.includes(':') ? [404] : []), ...(takesInput ? [400] : [])];
    for (const s of expected) if (op.responses?.[s]?.content?.['application/json']?.schema?.$ref !== '#/components/schemas/ApiErrorBody') problems.push(`${s} ${op.responses?.[s] ? 'not in the error shape' : 'missing'}`);
    out[`${r.key}  [${r.controller.name}; roles=${JSON.stringify(meta(ROLES, r) ?? 'authenticated')}; ${success.map(([s]) => s).join(',')}]`] = problems;
  }
  console.log(JSON.stringify(out, null, 1));
  await app.close();
});
