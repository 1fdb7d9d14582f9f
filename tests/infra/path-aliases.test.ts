import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { isOpen as byAlias } from '@hazards/domain/hazard/hazard-status';
import { isOpen as byPath } from '@hazards/domain/hazard/hazard-status';
import { quietWorkflowBundle } from '@hazards/temporal/quiet-workflow-bundle';

/*
 * `@hazards/<lib>` names a lib wherever code is compiled or run: the type checker (tsconfig.json),
 * the build (.swcrc rewrites them into relative paths, so dist/ runs with plain Node), Jest
 * (moduleNameMapper, read from .swcrc) and the workflow bundler (webpack aliases).
 */
const ROOT = join(__dirname, '../..');
const tsPaths = (): Record<string, string[]> => {
  const { config, error } = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  return config.compilerOptions.paths;
};

describe('path aliases', () => {
  it('every lib and testing/ has its alias, the same for the type checker and the build', () => {
    const swcPaths = JSON.parse(readFileSync(join(ROOT, '.swcrc'), 'utf8')).jsc.paths;
    expect(swcPaths).toEqual(tsPaths());
    const libs = readdirSync(join(ROOT, 'libs')).filter((d) => existsSync(join(ROOT, 'libs', d, 'src')));
    for (const lib of libs) {
      expect(tsPaths()[`@hazards/${lib}/*`]).toEqual([`./libs/${lib}/src/*`]);
    }
    expect(tsPaths()['@hazards/testing/*']).toEqual(['./testing/src/*']);
  });

  it('Jest loads the same module by alias as by path', () => {
    expect(byAlias).toBe(byPath);
  });

  it('the build leaves no alias for Node to resolve in dist/', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.js') && /require\("@hazards\//.test(readFileSync(path, 'utf8'))) offenders.push(path);
      }
    };
    for (const top of ['apps', 'libs', 'workflows', 'infra', 'testing', 'tests'])
      if (existsSync(join(ROOT, 'dist', top))) walk(join(ROOT, 'dist', top));
    expect(offenders).toEqual([]);
  });

  it('the workflow bundler resolves an alias into libs/domain', async () => {
    const { code } = await quietWorkflowBundle(require.resolve('./fixtures/alias-probe.workflow'));
    expect(code).toContain('aliasProbe');
    expect(code).toContain('libs/domain/src/hazard/hazard-status');
  });
});
