import { basename, dirname, resolve } from 'node:path';

// Jest runs this library from testing/src; benchmarks and drills run the compiled copy from
// dist/testing/src. Both mean the same repository root.
const up = resolve(__dirname, '..', '..');

/** The repository root (the folder with package.json), from the sources or from dist/. */
export const REPO_ROOT = basename(up) === 'dist' ? dirname(up) : up;

/** Where `npm run build` puts a compiled file: `distPath('apps', 'api', 'src', 'main.js')`. */
export const distPath = (...parts: string[]) => resolve(REPO_ROOT, 'dist', ...parts);
