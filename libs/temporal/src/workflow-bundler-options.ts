import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BundleOptions } from '@temporalio/worker';

/**
 * The workflow bundler (webpack) resolves the path aliases too (`@hazards/domain/…` → libs/domain/src/…),
 * as tsconfig.json, the build and Jest do. From dist/ the build has already rewritten them; from
 * source (Jest, the scenario tests) webpack needs them. Every folder of libs/ is a lib.
 */
export function workflowBundlerOptions(): Pick<BundleOptions, 'webpackConfigHook'> {
  const libsDir = resolve(__dirname, '../..');
  const alias: Record<string, string> = {};
  for (const lib of readdirSync(libsDir)) {
    const src = join(libsDir, lib, 'src');
    if (existsSync(src)) alias[`@hazards/${lib}`] = src;
  }
  return {
    webpackConfigHook: (config) => ({
      ...config,
      resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as Record<string, string> | undefined), ...alias } },
    }),
  };
}
