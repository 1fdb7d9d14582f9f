import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';

/**
 * The request an `Idempotency-Key` claimed, for the code it runs: the same key and request give
 * the same ids on every attempt, so an attempt that takes over the claim of a killed one (lease
 * expired) cannot apply the request twice. A workflow update sent under the id is deduplicated by
 * Temporal (an update id already completed returns its first outcome); a report's hazard id is
 * the same, so the row and the lifecycle are found, not made again.
 */
const current = new AsyncLocalStorage<{ id: string }>();

/** Runs `fn` (the handler, through Nest's call handler) as the claimed request `userId`/`key`/`hash`. */
export function asIdempotentRequest<T>(userId: string, key: string, hash: string, fn: () => T): T {
  const id = createHash('sha256').update(`${userId}\n${key}\n${hash}`).digest('hex');
  return current.run({ id }, fn);
}

/** The Temporal update id of the current request: stable across its attempts; undefined without a key (the SDK makes one). */
export function idempotentUpdateId(): string | undefined {
  const id = current.getStore()?.id;
  return id ? `idem-${id.slice(0, 48)}` : undefined;
}

/** A new hazard's id: derived from the claimed request (UUID layout, version 5 bits), else random. */
export function idempotentHazardId(random: () => string): string {
  const id = current.getStore()?.id;
  if (!id) return random();
  const h = id.slice(0, 32).split('');
  h[12] = '5';
  h[16] = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}
