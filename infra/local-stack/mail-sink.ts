import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SMTPServer } from 'smtp-server';
import { listenSmtp } from './smtp-listener';

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
    ({ server: this.server } = await listenSmtp(this.port, {
      size: MAIL_SINK_MAX_BYTES, // announced to the sender; the count below enforces it
      onData: (stream, _session, done) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        stream.on('data', (c: Buffer) => {
          bytes += c.length;
          if (bytes <= MAIL_SINK_MAX_BYTES) chunks.push(c); // past the bound, the rest is read and dropped
        });
        stream.on('end', () => {
          if (bytes > MAIL_SINK_MAX_BYTES) {
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
    }));
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
