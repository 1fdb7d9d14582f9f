import type { NextFunction, Request, Response } from 'express';

/**
 * PostgreSQL's text cannot hold a NUL character: one in a filter or a field would fail deep in a
 * query (500, or an export cut off mid-stream). Refused at the door instead, as a malformed
 * request (400, field `query` or `body`), through the body-parser error handler.
 */
const nulError = (field: 'query' | 'body') =>
  Object.assign(new Error(`NUL character in the ${field}`), { status: 400, type: 'nul_byte', field });

export function refuseNulInUrl() {
  return (req: Request, _res: Response, next: NextFunction) => next(/%00/i.test(req.originalUrl) ? nulError('query') : undefined);
}

/** After the JSON parser (bodies are at most 1 MB): a NUL anywhere in the parsed body. */
export function refuseNulInJson() {
  return (req: Request, _res: Response, next: NextFunction) =>
    next(req.body && typeof req.body === 'object' && JSON.stringify(req.body).includes('\\u0000') ? nulError('body') : undefined);
}

/** Control characters out of a name a client sent (file names in multipart uploads). */
// eslint-disable-next-line no-control-regex -- control characters are what it strips
export const printableName = (name: string) => name.replace(/[\u0000-\u001f\u007f]/g, '').trim() || 'file';
