import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@hazards/config';
import { ApiModule } from './app.module';
import { AuditService } from './audit/audit.service';
import { ApiErrorBody } from '@hazards/api-contract/api-error';
import { bodyParserErrorHandler } from './common/body-parser-errors';
import { refuseNulInJson, refuseNulInUrl } from './common/nul-bytes';
import { securityHeaders } from './common/security-headers';
import { keepConnectionsAlive } from './common/keep-alive';
import { withGuardErrorResponses } from './common/openapi-errors';

/** Builds the API application (used by main.ts and by the tests, which listen on a free port). */
export async function createApiApp(): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, { bufferLogs: true });
  app.use(securityHeaders());
  app.use(refuseNulInUrl());
  app.useBodyParser('json', { limit: '1mb' });
  app.use(refuseNulInJson());
  app.use(bodyParserErrorHandler(app.get(AuditService)));
  app.set('trust proxy', 'loopback');
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  keepConnectionsAlive(app.getHttpServer(), app.get(AppConfig).get('HTTP_KEEP_ALIVE_MS', { infer: true }));
  const doc = new DocumentBuilder()
    .setTitle('隐患整改 API / Hazard rectification API')
    .setDescription('事故隐患排查治理：上报、分级、挂牌督办、整改、复核、销号 / Report, grade, list, rectify, review and sign off hazards')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup(
    'docs',
    app,
    () => withGuardErrorResponses(app, SwaggerModule.createDocument(app, doc, { extraModels: [ApiErrorBody] })),
    { jsonDocumentUrl: 'docs/json' },
  );
  return app;
}
