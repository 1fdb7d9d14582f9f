import type { AddressInfo } from 'node:net';
import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { ApiModule } from '../../../apps/api/src/app.module';
import { BulletinsModule } from '../../../apps/api/src/bulletins/bulletins.module';
import { CampaignsModule } from '../../../apps/api/src/campaigns/campaigns.module';
import { ImportsModule } from '../../../apps/api/src/imports/imports.module';
import { StatisticsModule } from '../../../apps/api/src/statistics/statistics.module';

/** The API with this modules (ApiModule may already import them: Nest imports a module once). */
@Module({ imports: [ApiModule, StatisticsModule, CampaignsModule, BulletinsModule, ImportsModule] })
class StatisticsTestApiModule {}

export async function startStatisticsApi(): Promise<{ app: INestApplication; baseUrl: string }> {
  const app = await NestFactory.create<NestExpressApplication>(StatisticsTestApiModule, { bufferLogs: true });
  app.useBodyParser('json', { limit: '1mb' });
  app.useLogger(app.get(Logger));
  await app.listen(0, '127.0.0.1');
  const addr = app.getHttpServer().address() as AddressInfo;
  return { app, baseUrl: `http://127.0.0.1:${addr.port}` };
}

/** GET of a binary body (xlsx, docx) with a bearer token. */
export async function download(baseUrl: string, path: string, token: string): Promise<{ status: number; body: Buffer; headers: Headers }> {
  const res = await fetch(baseUrl + path, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}

/** Uploads a file as multipart field `file`. */
export async function upload(baseUrl: string, path: string, token: string, file: Buffer, name: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), name);
  const res = await fetch(baseUrl + path, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const text = await res.text();
  let body: any = text;
  try { body = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, body };
}
