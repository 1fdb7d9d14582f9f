import { createSecretKey, type KeyObject } from 'node:crypto';

/**
 * The JWT signing secret as a KeyObject. Given a string, jsonwebtoken first tries (and fails) to
 * parse it as a public key on every verify: about 8% of the API's CPU under load.
 */
export function jwtSecretKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}
