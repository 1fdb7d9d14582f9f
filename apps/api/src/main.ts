import 'reflect-metadata';
import { AppConfig, announceReady, nameThisProcess } from '@hazards/config';
import { createApiApp } from './create-api-app';

async function bootstrap(): Promise<void> {
  nameThisProcess('api');
  const app = await createApiApp();
  const port = app.get(AppConfig).get('PORT', { infer: true });
  await app.listen(port, '0.0.0.0');
  announceReady('api', `http://127.0.0.1:${port} (docs at /docs)`);
}

bootstrap().catch((err) => {
  console.error(`api failed to start: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
