import { ArchiveKey } from './archive-key';
import { validateEnvironment } from '@hazards/config/environment.schema';

describe('the archive key comes from configuration', () => {
  const base = {
    DATABASE_URL: 'postgres://u:p@localhost:5432/db',
    REDIS_URL: 'redis://localhost:6379',
    TEMPORAL_ADDRESS: 'localhost:7233',
  };

  it('has a development default that only development and test accept, at boot and wherever the archive reads it', () => {
    expect(() => ArchiveKey.fromEnv({ NODE_ENV: 'test' })).not.toThrow();
    expect(() => ArchiveKey.fromEnv({ NODE_ENV: 'development' })).not.toThrow();
    expect(() => ArchiveKey.fromEnv({ NODE_ENV: 'production' })).toThrow(/ARCHIVE_HMAC_KEY must be set/);
    expect(() => ArchiveKey.fromEnv({})).toThrow(/ARCHIVE_HMAC_KEY must be set/);
    expect(() => validateEnvironment({ ...base, NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-our-own' })).toThrow(
      /ARCHIVE_HMAC_KEY: must be set/,
    );
    expect(() => ArchiveKey.fromEnv({ NODE_ENV: 'production', ARCHIVE_HMAC_KEY: 'k'.repeat(31) })).toThrow(/at least 32/);
  });

  it('seals differently under another key, and names itself without revealing itself', () => {
    const a = ArchiveKey.of('a'.repeat(40));
    const b = ArchiveKey.of('b'.repeat(40));
    expect(a.mac('chain:audit_log', '0'.repeat(64), '[1]')).not.toBe(b.mac('chain:audit_log', '0'.repeat(64), '[1]'));
    expect(a.mac('x', 'y')).not.toBe(a.mac('xy'));
    expect(a.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(a.keyId).not.toBe(b.keyId);
  });
});
