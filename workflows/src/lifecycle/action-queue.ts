/**
 * The user actions and signals of one lifecycle, waiting for its main loop (since the
 * one-task-updates patch). An update handler only puts its action here and waits; the main loop
 * applies the actions one at a time, in the order they arrived, between its alarms. So no two
 * transitions ever interleave on the hazard's state, and no two steps (local activities) are ever
 * in flight at once: what the workflow does depends only on which actions had arrived when the
 * loop looked, never on the order in which concurrent local activities happened to finish.
 */
export class ActionQueue {
  private readonly waiting: { apply: () => Promise<unknown>; settle: (outcome: () => unknown) => void }[] = [];

  get size(): number {
    return this.waiting.length;
  }

  /** Queues an action; resolves (or rejects) with its outcome once the main loop has applied it. */
  submit<T>(apply: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({
        apply,
        settle: (outcome) => {
          try {
            resolve(outcome() as T);
          } catch (e) {
            reject(e);
          }
        },
      });
    });
  }

  /** Applies the oldest waiting action (the main loop's turn); its refusal goes to its caller, not to the loop. */
  async applyNext(): Promise<void> {
    const next = this.waiting.shift();
    if (!next) return;
    try {
      const result = await next.apply();
      next.settle(() => result);
    } catch (e) {
      next.settle(() => {
        throw e;
      });
    }
  }
}
