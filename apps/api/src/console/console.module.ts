import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Logger, MiddlewareConsumer, Module, NestModule, OnModuleInit, RequestMethod } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { ExpressAdapter } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/**
 * Where the built console is: CONSOLE_DIR, else `console/dist` at the repository root, found by
 * walking up from here (this file runs from apps/api/src/console in tests and from
 * dist/apps/api/src/console after the build).
 */
export function findConsoleDir(): string | null {
  if (process.env.CONSOLE_DIR) return existsSync(join(process.env.CONSOLE_DIR, 'index.html')) ? resolve(process.env.CONSOLE_DIR) : null;
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'console', 'dist');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    dir = resolve(dir, '..');
  }
  return null;
}

/** The console's pages may load scripts and styles from this origin only; photos come in as blob: URLs. */
const CSP =
  "default-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

/**
 * Serves the web console (console/dist, built by `npm run build:console`) on '/'. The console
 * routes in the URL's fragment (#/board, #/hazards/<id>), so the server only ever serves
 * index.html and /assets/*. The static files are added in onModuleInit, after Nest has
 * registered its routes and before its 404 handler: an API route always wins over a file.
 */
/**
 * Links in e-mails and robot messages point at `${PUBLIC_BASE_URL}/hazards/<id>`. A browser that
 * opens one asks for HTML and sends no bearer token (the API would answer 401): send it to the
 * console's page for that hazard instead. API calls (a token, or no HTML in Accept) pass through.
 */
export function hazardLinkRedirect(req: Request, res: Response, next: NextFunction): void {
  const wantsHtml = /text\/html/.test(req.headers.accept ?? '');
  if (req.method !== 'GET' || !wantsHtml || req.headers.authorization || !findConsoleDir()) return next();
  const m = /^\/hazards(?:\/([0-9a-fA-F-]{36}))?\/?$/.exec(req.path);
  if (!m) return next();
  res.redirect(302, m[1] ? `/#/hazards/${m[1].toLowerCase()}` : '/#/hazards');
}

@Module({})
export class ConsoleModule implements OnModuleInit, NestModule {
  private readonly log = new Logger('Console');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(hazardLinkRedirect)
      .forRoutes({ path: 'hazards', method: RequestMethod.GET }, { path: 'hazards/:id', method: RequestMethod.GET });
  }

  onModuleInit(): void {
    const dir = findConsoleDir();
    if (!dir) {
      this.log.warn('the web console is not built (run `npm run build:console`); the API runs without it');
      return;
    }
    const adapter = this.adapterHost.httpAdapter as unknown as ExpressAdapter;
    adapter.useStaticAssets(dir, {
      index: 'index.html',
      fallthrough: true,
      setHeaders: (res: Response, path: string) => {
        res.setHeader('X-Content-Type-Options', 'nosniff');
        if (path.endsWith('.html')) {
          res.setHeader('Cache-Control', 'no-cache');
          res.setHeader('Content-Security-Policy', CSP);
          res.setHeader('Content-Type', 'text/html; charset=utf-8');
        } else if (path.includes('/assets/')) {
          // Vite names assets by content hash: a new build gets new names.
          res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        }
      },
    });
    this.log.log(`web console served from ${dir}`);
  }
}
