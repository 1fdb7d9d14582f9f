import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { installTemporalSdkMetrics } from './metrics/temporal-sdk-metrics';
import { WorkerModule } from './worker.module';

/** The Temporal worker: workflows + activities in a Nest application context (no HTTP). */
async function bootstrap(): Promise<void> {
  process.env.APP_NAME ??= 'worker';
  await installTemporalSdkMetrics();
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
}

bootstrap().catch((err) => {
  console.error(`worker failed to start: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
