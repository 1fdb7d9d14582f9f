import { simpleParser } from 'mailparser';
import type { SMTPServer } from 'smtp-server';
import { listenSmtp } from '../../../infra/local-stack/smtp-listener';

export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  deliveryId: string;
  at: number;
}

/**
 * A real SMTP server in the test process: nodemailer talks SMTP to it over TCP; every message is
 * parsed (MIME, encodings) and recorded. `rejectRecipients` answers 550 for those addresses, to
 * stand for a mailbox that refuses. With `{ countOnly: true }` (benchmarks: the mail server of a
 * province, outside the stack measured) a message is accepted and counted, not parsed or kept.
 */
export class SmtpReceiver {
  readonly mails: ReceivedMail[] = [];
  readonly rejectRecipients = new Set<string>();
  /** Messages accepted (parsed or not). */
  accepted = 0;
  private server?: SMTPServer;
  port = 0;

  constructor(private readonly o: { countOnly?: boolean } = {}) {}

  async start(): Promise<void> {
    const { server, port } = await listenSmtp(0, {
      onRcptTo: (address, _session, cb) => {
        if (this.rejectRecipients.has(address.address.toLowerCase())) {
          const err = new Error(`mailbox ${address.address} unavailable`) as Error & { responseCode: number };
          err.responseCode = 550;
          return cb(err);
        }
        cb();
      },
      onData: (stream, session, cb) => {
        if (this.o.countOnly) {
          stream.resume();
          stream.on('end', () => {
            this.accepted += 1;
            cb();
          });
          return;
        }
        simpleParser(stream)
          .then((mail) => {
            this.mails.push({
              to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : '',
              messageId: mail.messageId ?? '',
              deliveryId: String(mail.headers.get('x-hazard-delivery-id') ?? ''),
              at: Date.now(),
            });
            this.accepted += 1;
            cb();
          })
          .catch((err: Error) => cb(err));
      },
    });
    this.server = server;
    this.port = port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): ReceivedMail[] {
    return this.mails.filter((m) => m.to.includes(address.toLowerCase()));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
