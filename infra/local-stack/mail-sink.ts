import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

/** A mail larger than this is refused (552) while it streams in: the notices we send are a few KB. */
export const MAIL_SINK_MAX_BYTES = 5 * 1024 * 1024;
/** The newest this many mails are kept; older ones are removed, so a stack left running does not fill the disk. */
export const MAIL_SINK_KEEP = 2_000;

/**
 * `npm start` without `SMTP_URL`: the local stack has no province mail server to send to, so the
 * e-mails its escalations and reminders send would fail and end in the dead-letter queue, and a
 * person trying the system would see failures instead of the notices. This is a mail server on
 * 127.0.0.1 that accepts every message and keeps it as an .eml file in the data folder (opened by
 * any mail program), newest last by name. It sends nothing on.
 */
export class MailSink {
  private server?: SMTPServer;
  private readonly kept: string[];
  private count = 0;

  constructor(
    readonly dir: string,
    private readonly port: number,
  ) {
    mkdirSync(dir, { recursive: true });
    this.kept = readdirSync(dir)
      .filter((f) => f.endsWith('.eml'))
      .sort();
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      size: MAIL_SINK_MAX_BYTES,
      logger: false,
      onData: (stream, _session, done) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        stream.on('data', (c: Buffer) => {
          bytes += c.length;
          if (bytes <= MAIL_SINK_MAX_BYTES) chunks.push(c); // past the bound, the rest is read and dropped
        });
        stream.on('end', () => {
          // The sender is told (smtp-server flags it too), and nothing is kept.
          if (bytes > MAIL_SINK_MAX_BYTES || (stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
            const err = new Error(`邮件超过 ${MAIL_SINK_MAX_BYTES} 字节 / message exceeds ${MAIL_SINK_MAX_BYTES} bytes`);
            return done(Object.assign(err, { responseCode: 552 }));
          }
          try {
            this.keep(Buffer.concat(chunks));
            done();
          } catch (err) {
            done(err as Error);
          }
        });
      },
    });
    // A sender that drops its connection mid-session is not the sink's failure.
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      const net = (this.server as unknown as { server: { once(e: 'error', f: (err: Error) => void): void } }).server;
      net.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
    const address = (this.server as unknown as { server: { address(): AddressInfo } }).server.address();
    if (address.port !== this.port) throw new Error(`mail sink listening on ${address.port}, not ${this.port}`);
  }

  async stop(): Promise<void> {
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private keep(raw: Buffer): void {
    // Sortable by time, unique within the process.
    const stamp = new Date().toISOString().replace(/[-:.]/g, '');
    const name = `${stamp}-${process.pid}-${String(++this.count).padStart(6, '0')}.eml`;
    writeFileSync(join(this.dir, name), raw);
    this.kept.push(name);
    while (this.kept.length > MAIL_SINK_KEEP) rmSync(join(this.dir, this.kept.shift()!), { force: true });
  }
}
