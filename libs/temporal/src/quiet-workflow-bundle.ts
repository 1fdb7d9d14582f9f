import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { workflowInterceptorModules, workflowsPath } from './hazard-worker.factory';
import { workflowBundlerOptions } from './workflow-bundler-options';

/** webpack's report, left out of the output. */
const silent = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
const bundles = new Map<string, Promise<WorkflowBundleWithSourceMap>>();

/**
 * Workflow code bundled once per process and path, quietly: the policy simulation's workers and the
 * scenario tests' (a worker given workflowsPath would bundle again for each one it starts).
 */
export function quietWorkflowBundle(path = workflowsPath()): Promise<WorkflowBundleWithSourceMap> {
  let bundle = bundles.get(path);
  if (!bundle) {
    bundle = bundleWorkflowCode({
      workflowsPath: path,
      workflowInterceptorModules: workflowInterceptorModules(),
      logger: silent,
      ...workflowBundlerOptions(),
    });
    bundles.set(path, bundle);
  }
  return bundle;
}
