import type { AddressInfo, Server } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/**
 * An SMTP server on 127.0.0.1 for senders on this machine (no STARTTLS, no login): the local
 * stack's mail sink and the tests' mail receivers. Resolves once it listens, with its port
 * (0 lets the OS pick one); a port in use rejects.
 */
export async function listenSmtp(
  port: number,
  handlers: Pick<SMTPServerOptions, 'onData' | 'onRcptTo' | 'size'>,
): Promise<{ server: SMTPServer; port: number }> {
  const server = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false, ...handlers });
  // A sender that drops its connection mid-session (a notifier killed by a test) is not the server's failure.
  server.on('error', () => undefined);
  // smtp-server keeps its net.Server as `server` without typing it.
  const net = (server as unknown as { server: Server }).server;
  await new Promise<void>((resolve, reject) => {
    net.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { server, port: (net.address() as AddressInfo).port };
}
