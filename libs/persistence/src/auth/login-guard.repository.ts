import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Attempts older than this are no longer counted in flight (their process died mid-check). */
const IN_FLIGHT_SECONDS = 60;
const live = (t: string) =>
  `(case when ${t}.in_flight_at < now() - interval '${IN_FLIGHT_SECONDS} seconds' then 0 else ${t}.in_flight end)`;

export type Claim = { ok: true } | { ok: false; lockedUntil: Date | null };

/**
 * The login lock, decided in PostgreSQL one row per username (whether or not the user exists, so a
 * name nobody has locks and answers exactly like a real one). An attempt first claims a place:
 * refused without a password check while the name is locked, or while the failures so far plus
 * the attempts in flight already reach the limit. So at most `maxFailures` wrong passwords are
 * ever checked per lock, however many arrive at once, and a right one cannot slip past a lock
 * that the attempts beside it set.
 */
@Injectable()
export class LoginGuardRepository {
  constructor(private readonly ds: DataSource) {}

  async claim(username: string, maxFailures: number): Promise<Claim> {
    const rows: unknown[] = await this.ds.query(
      `insert into login_guards as g (username, in_flight, in_flight_at) values ($1, 1, now())
       on conflict (username) do update set in_flight = ${live('g')} + 1, in_flight_at = now(), updated_at = now()
        where (g.locked_until is null or g.locked_until <= now()) and g.failed + ${live('g')} < $2
       returning username`,
      [username, maxFailures],
    );
    if (rows.length) return { ok: true };
    const [g]: { locked_until: Date | null }[] = await this.ds.query(
      'select case when locked_until > now() then locked_until end as locked_until from login_guards where username = $1',
      [username],
    );
    return { ok: false, lockedUntil: g?.locked_until ?? null };
  }

  /** Gives the place back without a verdict (the check could not run). */
  async release(username: string): Promise<void> {
    await this.ds.query('update login_guards set in_flight = greatest(in_flight - 1, 0) where username = $1', [username]);
  }

  /** A wrong password: the limit-th failure in a row locks the name and starts counting again. Returns the lock end, if locked. */
  async failed(username: string, maxFailures: number, lockMinutes: number): Promise<Date | null> {
    const [rows]: [{ locked_until: Date | null }[], number] = await this.ds.query(
      `update login_guards set in_flight = greatest(in_flight - 1, 0), updated_at = now(),
         locked_until = case when failed + 1 >= $2 then now() + make_interval(mins => $3) else locked_until end,
         failed = case when failed + 1 >= $2 then 0 else failed + 1 end
       where username = $1 returning case when locked_until > now() then locked_until end as locked_until`,
      [username, maxFailures, lockMinutes],
    );
    return rows[0]?.locked_until ?? null;
  }

  /** The right password: accepted only if no lock was set meanwhile; then the failures are forgotten. */
  async succeeded(username: string): Promise<Claim> {
    const [rows]: [unknown[], number] = await this.ds.query(
      `update login_guards set in_flight = greatest(in_flight - 1, 0), failed = 0, updated_at = now()
        where username = $1 and (locked_until is null or locked_until <= now()) returning username`,
      [username],
    );
    if (rows.length) return { ok: true };
    await this.release(username);
    const [g]: { locked_until: Date | null }[] = await this.ds.query('select locked_until from login_guards where username = $1', [
      username,
    ]);
    return { ok: false, lockedUntil: g?.locked_until ?? null };
  }
}
