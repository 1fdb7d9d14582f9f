import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The console is built into console/dist and served by the API (apps/api/src/console). During
// development, `npx vite --config console/vite.config.ts` serves it with hot reload and proxies
// the API routes to a running `npm start` (port 3000, or API_URL).
const api = process.env.API_URL ?? 'http://127.0.0.1:3000';
const apiRoutes = [
  '/auth',
  '/hazards',
  '/me',
  '/board',
  '/jurisdictions',
  '/enterprises',
  '/users',
  '/inbox',
  '/notification-preferences',
  '/statistics',
  '/health',
  '/docs',
];

const libs = fileURLToPath(new URL('../libs', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // The libs' own imports use the @hazards/<lib> aliases of the root tsconfig.json (the console
  // shares the simulation report's chart options with the server).
  resolve: {
    alias: [
      { find: /^@hazards\/([a-z-]+)\/(.*)$/, replacement: `${libs}/$1/src/$2` },
      { find: /^@hazards\/([a-z-]+)$/, replacement: `${libs}/$1/src` },
    ],
  },
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1600, sourcemap: false },
  server: { proxy: Object.fromEntries(apiRoutes.map((r) => [r, api])) },
});
