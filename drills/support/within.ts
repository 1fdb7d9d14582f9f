/** Polls `check` every `everyMs` until it holds (true) or `limitMs` passes (false). */
export async function within(limitMs: number, check: () => boolean | Promise<boolean>, everyMs = 250): Promise<boolean> {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return check();
}
