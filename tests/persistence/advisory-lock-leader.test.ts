import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { AdvisoryLockLeader } from '@hazards/persistence/leadership/advisory-lock-leader';
import { waitFor } from '@hazards/testing/polling';

/*
 * Work that must happen once (the archive anchor writer) runs in exactly one of several worker
 * instances; when that instance dies, another takes it over.
 */
describe('leader election by a PostgreSQL advisory lock', () => {
  const url = () => process.env.DATABASE_URL!;

  it('elects exactly one of three instances, and another when the leader dies', async () => {
    const lock = `test-leader-${randomUUID()}`;
    const leading = new Set<number>();
    const events: string[] = [];
    const instances = [0, 1, 2].map(
      (i) =>
        new AdvisoryLockLeader(
          url(),
          lock,
          {
            onElected: () => {
              leading.add(i);
              events.push(`elected ${i}`);
            },
            onDeposed: (why) => {
              leading.delete(i);
              events.push(`deposed ${i} (${why})`);
            },
          },
          200,
        ),
    );
    try {
      instances.forEach((l) => l.start());
      await waitFor('a leader', () => leading.size === 1);
      await new Promise((r) => setTimeout(r, 1000)); // several rounds of tries: still one
      expect(leading.size).toBe(1);
      const [first] = leading;

      // kill -9 of the leader, as PostgreSQL sees it: its session ends and the lock with it.
      const admin = new Client({ connectionString: url() });
      await admin.connect();
      await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and pid in
        (select pid from pg_locks where locktype = 'advisory' and granted)`,
        [`leader:${lock}`],
      );
      await admin.end();
      // Generous: under a load average of 30 PostgreSQL can take seconds to end the killed session
      // and the survivors' 200-ms tries queue behind other suites' connections.
      await waitFor('the old leader to step down and another to take over', () => !leading.has(first) && leading.size === 1, 60_000);
      expect(events).toContain(`deposed ${first} (lost)`);
    } finally {
      await Promise.all(instances.map((l) => l.stop()));
    }
    expect(leading.size).toBe(0);
  });
});
