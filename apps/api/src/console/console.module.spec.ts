import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import { findConsoleDir, hazardLinkRedirect } from './console.module';

describe('the console module', () => {
  const saved = process.env.CONSOLE_DIR;
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'console-dist-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
    process.env.CONSOLE_DIR = dir;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.CONSOLE_DIR;
    else process.env.CONSOLE_DIR = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves CONSOLE_DIR when it holds a build, and nothing when it does not', () => {
    expect(findConsoleDir()).toBe(dir);
    process.env.CONSOLE_DIR = join(dir, 'assets');
    expect(findConsoleDir()).toBeNull();
  });

  const run = (req: Partial<Request>) => {
    const res = { redirect: jest.fn() } as unknown as Response & { redirect: jest.Mock };
    const next = jest.fn() as unknown as NextFunction & jest.Mock;
    hazardLinkRedirect({ method: 'GET', headers: {}, path: '/', ...req } as Request, res, next);
    return { redirect: res.redirect, next };
  };
  const html = { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8' };
  const id = '0b7e8a0e-56f1-4d0c-9a57-2f1f7b3f7c11';

  it('sends a browser that opens a message link to the console page of that hazard', () => {
    expect(run({ path: `/hazards/${id}`, headers: html }).redirect).toHaveBeenCalledWith(302, `/#/hazards/${id}`);
    expect(run({ path: '/hazards', headers: html }).redirect).toHaveBeenCalledWith(302, '/#/hazards');
  });

  it('leaves API calls alone: a bearer token, no HTML asked for, another method or path', () => {
    for (const req of [
      { path: `/hazards/${id}`, headers: { ...html, authorization: 'Bearer x' } },
      { path: `/hazards/${id}`, headers: { accept: 'application/json' } },
      { path: `/hazards/${id}`, headers: {} },
      { path: `/hazards/${id}`, headers: html, method: 'POST' },
      { path: `/hazards/${id}/evidence`, headers: html },
      { path: '/hazards/not-a-uuid', headers: html },
    ]) {
      const r = run(req as Partial<Request>);
      expect(r.redirect).not.toHaveBeenCalled();
      expect(r.next).toHaveBeenCalled();
    }
  });
});
