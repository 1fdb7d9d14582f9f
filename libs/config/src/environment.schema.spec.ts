import { validateEnvironment } from './environment.schema';

describe('configuration checked at boot', () => {
  const good = {
    NODE_ENV: 'test',
    DATABASE_URL: 'postgres://u:p@localhost:5432/db',
    REDIS_URL: 'redis://localhost:6379',
    TEMPORAL_ADDRESS: 'localhost:7233',
  };

  it('accepts a complete configuration and fills the defaults', () => {
    const env = validateEnvironment(good);
    expect(env.PORT).toBe(3000);
    expect(env.TEMPORAL_TASK_QUEUE).toBe('hazards');
  });

  it('names every missing or wrong setting and what was expected', () => {
    const bad = () => validateEnvironment({ ...good, DATABASE_URL: undefined, PORT: 'eighty', TEMPORAL_ADDRESS: 'nohost' });
    expect(bad).toThrow(/DATABASE_URL: required: a postgres:\/\/ connection URL \(missing\)/);
    expect(bad).toThrow(/PORT: a TCP port number \(1-65535\) \(got "eighty"\)/);
    expect(bad).toThrow(/TEMPORAL_ADDRESS: host:port of the Temporal frontend \(got "nohost"\)/);
  });

  it('refuses the dev-only secrets unless NODE_ENV says development or test explicitly', () => {
    const { NODE_ENV: _n, ...unset } = good;
    expect(() => validateEnvironment(unset)).toThrow(
      /JWT_SECRET: must be set to a secret of your own unless NODE_ENV is development or test/,
    );
    expect(() => validateEnvironment({ ...good, NODE_ENV: 'production' })).toThrow(/ARCHIVE_HMAC_KEY: must be set/);
    expect(() => validateEnvironment({ ...good, NODE_ENV: 'development' })).not.toThrow();
    expect(() => validateEnvironment({ ...unset, JWT_SECRET: 's'.repeat(40), ARCHIVE_HMAC_KEY: 'k'.repeat(40) })).not.toThrow();
  });
});
