import { INestApplication } from '@nestjs/common';
import { createApiApp } from '../../../apps/api/src/create-api-app';

/** Starts the real API app on a free port (against the test stack) and gives its base URL. */
export async function startApi(): Promise<{ app: INestApplication; baseUrl: string }> {
  const app = await createApiApp();
  await app.listen(0, '127.0.0.1');
  const addr = app.getHttpServer().address();
  return { app, baseUrl: `http://127.0.0.1:${addr.port}` };
}
