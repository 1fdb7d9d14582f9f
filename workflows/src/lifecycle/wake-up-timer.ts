import { CancellationScope, isCancellation, sleep } from '@temporalio/workflow';

/**
 * The timer loop's one Temporal timer, for the instant of the soonest armed alarm. It is kept
 * while that instant stays the soonest: a step, a re-plan or a policy migration that leaves the
 * soonest instant where it was starts no new timer (before the `steady-alarm-timer` patch each
 * such change cancelled the timer and started another, one billable timer per change). A new
 * instant cancels the old timer first, so at most one is ever pending.
 */
export class WakeUpTimer {
  private at: string | null = null;
  private scope: CancellationScope | null = null;
  private due = false;

  /** Waits for `at` (null: for nothing), unless a timer for that very instant is already running. */
  set(at: string | null): void {
    if (at === this.at) return;
    this.scope?.cancel();
    this.scope = null;
    this.at = at;
    this.due = false;
    if (at === null) return;
    const wait = Date.parse(at) - Date.now();
    if (wait <= 0) {
      this.due = true;
      return;
    }
    const scope = new CancellationScope();
    this.scope = scope;
    void scope
      .run(() => sleep(wait))
      .then(
        () => {
          // A timer cancelled in the activation it fired in still resolves: only the current one counts.
          if (this.scope === scope) this.due = true;
        },
        (err: unknown) => {
          if (!isCancellation(err)) throw err;
        },
      );
  }

  /** Whether the instant waited for has come. */
  get rang(): boolean {
    return this.due;
  }
}
