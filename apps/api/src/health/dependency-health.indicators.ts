import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { TemporalClientService } from '@hazards/temporal';
import { CalendarService } from '../calendar/calendar.service';
import { REDIS } from '../redis.provider';

const reason = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Races a probe against a timeout, so a dead dependency answers "down" quickly instead of hanging. */
function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms))]);
}

/** Terminus does not export the session class by name. */
type HealthSession = ReturnType<HealthIndicatorService['check']>;

/**
 * One dependency's check: the probe marks the session up (or degraded) from its answer; any error,
 * or no answer in time, marks it down with the reason.
 */
async function probe(
  health: HealthIndicatorService,
  key: string,
  run: (session: HealthSession) => Promise<HealthIndicatorResult>,
): Promise<HealthIndicatorResult> {
  const session = health.check(key);
  try {
    return await run(session);
  } catch (err) {
    return session.down({ reason: reason(err) });
  }
}

@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  check(key = 'redis') {
    return probe(this.health, key, async (session) => {
      await withTimeout(this.redis.ping(), 2000, 'redis');
      return session.up();
    });
  }
}

@Injectable()
export class TemporalHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly temporal: TemporalClientService,
  ) {}

  check(key = 'temporal') {
    return probe(this.health, key, async (session) => {
      const { connection } = this.temporal;
      await withTimeout(connection.ensureConnected(), 3000, 'temporal');
      // A gRPC deadline, not a race: the client retries an unavailable server in the background,
      // and a call the race gave up on would go on retrying after /health answered (one for every
      // probe of a load balancer while Temporal is down). Every retry carries the same deadline.
      const info = await withTimeout(
        connection.withDeadline(Date.now() + 3000, () => connection.workflowService.getSystemInfo({})),
        3500,
        'temporal',
      );
      return session.up({ serverVersion: info.serverVersion ?? 'unknown' });
    });
  }
}

/**
 * The working-day calendar: degraded (not down, the answer stays 200) while deadlines are being
 * estimated: from 1 November while next year's notice is not loaded, or all year for this year's.
 */
@Injectable()
export class CalendarHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly calendar: CalendarService,
  ) {}

  check(key = 'calendar') {
    return probe(this.health, key, async (session) => {
      const h = await withTimeout(this.calendar.health(), 3000, 'calendar');
      return h.degraded ? session.degraded({ reasons: h.reasons }) : session.up();
    });
  }
}
