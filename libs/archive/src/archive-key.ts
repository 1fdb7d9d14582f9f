import { createHmac, timingSafeEqual } from 'node:crypto';
import { devSecretsAllowed, environmentSchema } from '@hazards/config/environment.schema';

/**
 * The archive's HMAC-SHA256 key. It comes from configuration (ARCHIVE_HMAC_KEY), never from the
 * database: whoever can write the tables cannot forge a seal without it.
 */
export class ArchiveKey {
  private constructor(private readonly secret: Buffer) {}

  static of(secret: string | Buffer): ArchiveKey {
    const b = Buffer.isBuffer(secret) ? secret : Buffer.from(secret, 'utf8');
    if (b.length < 32) throw new Error('ARCHIVE_HMAC_KEY must be at least 32 characters');
    return new ArchiveKey(b);
  }

  /** From the environment, with the same rules as the apps' boot check (the dev default only where NODE_ENV is development or test). */
  static fromEnv(env: Record<string, string | undefined> = process.env): ArchiveKey {
    const parsed = environmentSchema.pick({ NODE_ENV: true, ARCHIVE_HMAC_KEY: true }).safeParse(env);
    if (!parsed.success)
      throw new Error(`配置无效 / Invalid configuration: ARCHIVE_HMAC_KEY ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    if (!devSecretsAllowed(parsed.data.NODE_ENV) && parsed.data.ARCHIVE_HMAC_KEY.startsWith('dev-only')) {
      throw new Error(
        '配置无效 / Invalid configuration: ARCHIVE_HMAC_KEY must be set to a key of your own unless NODE_ENV is development or test',
      );
    }
    return ArchiveKey.of(parsed.data.ARCHIVE_HMAC_KEY);
  }

  mac(...parts: (string | Buffer)[]): string {
    const h = createHmac('sha256', this.secret);
    parts.forEach((p, i) => {
      if (i > 0) h.update('\n');
      h.update(p);
    });
    return h.digest('hex');
  }

  /** A short public name of the key (not the key): which key sealed a dossier or an anchor. */
  get keyId(): string {
    return this.mac('archive-key-id').slice(0, 16);
  }

  equals(a: string, b: string): boolean {
    const x = Buffer.from(a, 'utf8');
    const y = Buffer.from(b, 'utf8');
    return x.length === y.length && timingSafeEqual(x, y);
  }
}

/** The anchor file's path from the environment (ARCHIVE_ANCHOR_FILE, default data/archive/anchor.jsonl). */
export function anchorFileFromEnv(env: Record<string, string | undefined> = process.env): string {
  return environmentSchema.shape.ARCHIVE_ANCHOR_FILE.parse(env.ARCHIVE_ANCHOR_FILE);
}
