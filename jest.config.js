// Unit tests sit beside their code; integration and scenario tests live in tests/.
// @swc/jest transpiles only; `npm run typecheck` (tsc --noEmit) is the type check.
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];
// NestJS 12 (and a few of its dependencies) ship ES modules only. Node 20 loads them from our
// CommonJS build (require(esm)), but Jest's module system does not: compile those packages too.
const fs = require('node:fs');
const path = require('node:path');
function esmPackages(dir = path.join(__dirname, 'node_modules')) {
  const found = [];
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    if (name.startsWith('.')) continue;
    const names = name.startsWith('@') ? fs.readdirSync(path.join(dir, name)).map((n) => `${name}/${n}`) : [name];
    for (const pkg of names) {
      try {
        const json = JSON.parse(fs.readFileSync(path.join(dir, pkg, 'package.json'), 'utf8'));
        if (json.type === 'module') found.push(pkg);
      } catch {
        /* not a package */
      }
    }
  }
  return found;
}
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
// The path aliases (@hazards/domain, …), from .swcrc, which the build uses to rewrite them.
function aliasMapper() {
  const { paths } = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc'), 'utf8')).jsc;
  const mapper = {};
  for (const [alias, [target]] of Object.entries(paths)) {
    const to = target.replace(/^\.\//, '<rootDir>/');
    if (alias.endsWith('/*')) mapper[`^${escape(alias.slice(0, -2))}/(.*)$`] = to.replace(/\*$/, '$1');
    else mapper[`^${escape(alias)}$`] = to;
  }
  return mapper;
}

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc, '^.+\\.m?js$': swc },
  moduleNameMapper: aliasMapper(),
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages().map(escape).join('|')})/)`],
  testMatch: ['<rootDir>/{apps,libs,workflows,tests,testing}/**/*.spec.ts', '<rootDir>/tests/**/*.test.ts'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/data/', '<rootDir>/.stryker-tmp/'],
  globalSetup: '<rootDir>/testing/src/stack/global-setup.ts',
  globalTeardown: '<rootDir>/testing/src/stack/global-teardown.ts',
  testTimeout: 120000,
};
