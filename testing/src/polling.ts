/** Polls `check` every `everyMs` until it holds (true) or `limitMs` passes (false, after one last look). */
export async function within(limitMs: number, check: () => boolean | Promise<boolean>, everyMs = 250): Promise<boolean> {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return check();
}

/**
 * Polls until `check` holds, or fails (naming `what`, when given) after `timeoutMs`: timers fire,
 * activities finish and consumers run a little after the step that caused them.
 *   waitFor(() => recorder.count(id) >= 1)
 *   waitFor('the e-mail to 张敏', () => smtp.to(zhang).length === 1, 30_000)
 */
export function waitFor(check: () => boolean | Promise<boolean>, timeoutMs?: number): Promise<void>;
export function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs?: number): Promise<void>;
export async function waitFor(...args: [string | (() => boolean | Promise<boolean>), ...unknown[]]): Promise<void> {
  const [what, check, timeoutMs] =
    typeof args[0] === 'string'
      ? (args as [string, () => boolean | Promise<boolean>, number | undefined])
      : (['condition', ...args] as [string, () => boolean | Promise<boolean>, number | undefined]);
  if (!(await within(timeoutMs ?? 20_000, check, 50))) throw new Error(`timed out waiting for: ${what}`);
}
