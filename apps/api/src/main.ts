import 'reflect-metadata';
import { announceReady } from '@hazards/config/ready-signal';
import { createApiApp } from './create-api-app';

async function bootstrap(): Promise<void> {
  process.env.APP_NAME ??= 'api';
  const app = await createApiApp();
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port, '0.0.0.0');
  announceReady('api', `http://127.0.0.1:${port} (docs at /docs)`);
}

bootstrap().catch((err) => {
  console.error(`api failed to start: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
