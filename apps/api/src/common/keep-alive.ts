import type { Server } from 'node:http';

/**
 * Idle kept-alive connections stay open for `idleMs`. The server must be the last to close an
 * idle connection: a client (fetch keeps one about 4 s, a load balancer often 60 s) that sends a
 * request on it just as the server closes it gets the request reset, not an answer.
 */
export function keepConnectionsAlive(server: Server, idleMs: number): void {
  server.keepAliveTimeout = idleMs;
}
