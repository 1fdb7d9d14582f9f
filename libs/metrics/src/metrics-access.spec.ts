import { metricsAccess } from './metrics-access';

describe('who may read /metrics', () => {
  const token = 'a-long-scrape-token-0123456789';

  it('asks for the token when one is configured, whatever the environment', () => {
    expect(metricsAccess(`Bearer ${token}`, token, 'production')).toBe('ok');
    expect(metricsAccess(undefined, token, 'development')).toBe('unauthorized');
    expect(metricsAccess('Bearer wrong-token-of-other-size', token, 'test')).toBe('unauthorized');
  });

  it('is open on the local stack and in tests without a token, closed in production', () => {
    expect(metricsAccess(undefined, undefined, 'development')).toBe('ok');
    expect(metricsAccess(undefined, undefined, 'test')).toBe('ok');
    expect(metricsAccess(undefined, undefined, 'production')).toBe('not_configured');
    expect(metricsAccess(undefined, undefined, undefined)).toBe('not_configured');
  });
});
