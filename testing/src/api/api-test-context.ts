import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { startApi } from './api-app';
import { startHazardWorker } from '../stack/hazard-worker';
import { apiClient } from './http-client';
import { createReferenceTree, type ReferenceTree } from '../fixtures/reference-tree';
import { openTestDataSource } from '../stack/test-database';

/** What an API test file needs: its own jurisdiction tree, the real worker, and the API on a free port. */
export interface ApiTestContext {
  ds: DataSource;
  tree: ReferenceTree;
  app: INestApplication;
  baseUrl: string;
  api: ReturnType<typeof apiClient>;
  /** Stops the API, then the worker, then closes the database. */
  stop(): Promise<void>;
}

/** `worker: false` for a test of the API alone (headers, throttling), which starts no workflow. */
export async function startApiTestContext(o: { worker?: boolean } = {}): Promise<ApiTestContext> {
  const ds = await openTestDataSource();
  const tree = await createReferenceTree(ds);
  const worker = o.worker === false ? null : await startHazardWorker(ds);
  const { app, baseUrl } = await startApi();
  return {
    ds,
    tree,
    app,
    baseUrl,
    api: apiClient(baseUrl),
    stop: async () => {
      await app.close();
      await worker?.stop();
      await ds.destroy();
    },
  };
}
