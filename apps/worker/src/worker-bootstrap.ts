import 'reflect-metadata';
import { NestFactory, type IEntryNestModule } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { nameThisProcess } from '@hazards/config';
import { installTemporalSdkMetrics } from './metrics/temporal-sdk-metrics';

/** Starts the Temporal worker (workflows + activities in a Nest application context, no HTTP) from a root module. */
export async function startWorker(rootModule: IEntryNestModule): Promise<void> {
  nameThisProcess('worker');
  await installTemporalSdkMetrics();
  const app = await NestFactory.createApplicationContext(rootModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
}

/** Runs startWorker as a process's main: a failure to start ends the process. */
export function runWorkerMain(rootModule: IEntryNestModule): void {
  startWorker(rootModule).catch((err) => {
    console.error(`worker failed to start: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  });
}
