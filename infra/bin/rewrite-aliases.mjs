#!/usr/bin/env node
// Codemod: imports that climb into another lib (`../../../libs/domain/src/hazard/actor`) or into
// testing/ (`../../testing/src/api/http-client`) become path aliases (`@hazards/domain/hazard/actor`,
// `@hazards/testing/api/http-client`). Imports inside one lib (or inside testing/) stay relative.
// Idempotent: run it again after a merge (`node infra/bin/rewrite-aliases.mjs`); it prints what it changed.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = execFileSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();
const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '*.ts', '*.tsx', '*.mts'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((f) => f && !f.startsWith('console/') && existsSync(join(root, f)));

/** The alias of a path inside a lib or testing/, or null: `libs/domain/src/x/y` → `@hazards/domain/x/y`. */
function aliasOf(target) {
  const rel = relative(root, target).split(sep).join('/');
  const lib = /^libs\/([^/]+)\/src(?:\/(.*))?$/.exec(rel);
  const testing = /^testing\/src(?:\/(.*))?$/.exec(rel);
  const [name, rest] = lib ? [lib[1], lib[2]] : testing ? ['testing', testing[1]] : [null, null];
  if (!name) return null;
  const inner = (rest ?? '').replace(/(^|\/)index$/, '');
  return { name, spec: inner ? `@hazards/${name}/${inner}` : `@hazards/${name}` };
}

/** The lib (or 'testing') a file belongs to, or null. */
function homeOf(file) {
  const m = /^libs\/([^/]+)\/src\//.exec(file) ?? /^(testing)\/src\//.exec(file);
  return m ? m[1] : null;
}

const exists = (p) =>
  ['', '.ts', '.tsx', '.json', '/index.ts'].some(
    (ext) => existsSync(p + ext) && (ext !== '' || statSync(p).isDirectory() || p.endsWith('.json')),
  );
const SPECIFIER =
  /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*|\bjest\.(?:mock|requireActual|doMock)\s*\(\s*)(['"])(\.\.?\/[^'"]*)\2/g;

let changedFiles = 0;
let changedImports = 0;
for (const file of files) {
  const path = join(root, file);
  const home = homeOf(file);
  const source = readFileSync(path, 'utf8');
  const out = source.replace(SPECIFIER, (whole, lead, quote, spec) => {
    const target = resolve(dirname(path), spec);
    if (!exists(target)) return whole;
    const alias = aliasOf(target);
    if (!alias || alias.name === home) return whole;
    changedImports++;
    return `${lead}${quote}${alias.spec}${quote}`;
  });
  if (out !== source) {
    writeFileSync(path, out);
    changedFiles++;
  }
}
console.log(`rewrite-aliases: ${changedImports} imports in ${changedFiles} files now use @hazards/… aliases`);
