import type { ArchiveKey } from './archive-key';

/** The HMAC of a purge checkpoint: the verifier starts from it, so it must not be forgeable. */
export function checkpointMac(key: ArchiveKey, chain: string, throughSeq: number, throughHmac: string, cutoff: Date): string {
  return key.mac('checkpoint', chain, String(throughSeq), throughHmac, cutoff.toISOString());
}
