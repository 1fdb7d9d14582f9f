import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { announceReady, nameThisProcess } from '@hazards/config';
import { NotifierModule } from './notifier.module';

async function bootstrap(): Promise<void> {
  nameThisProcess('notifier');
  const app = await NestFactory.createApplicationContext(NotifierModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  announceReady('notifier');
}

bootstrap().catch((err) => {
  console.error(`notifier failed to start: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
