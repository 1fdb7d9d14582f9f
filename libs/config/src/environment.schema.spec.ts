import { validateEnvironment } from './environment.schema';

describe('configuration checked at boot', () => {
  const good = { DATABASE_URL: 'postgres://u:p@localhost:5432/db', REDIS_URL: 'redis://localhost:6379', TEMPORAL_ADDRESS: 'localhost:7233' };

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
});
