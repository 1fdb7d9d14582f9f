import { randomUUID } from 'node:crypto';

/**
 * Imported first by a test file that needs a queue prefix of its own: the API reads its
 * configuration when its module is loaded, so the prefix must be set before that.
 */
export const OWN_QUEUE_PREFIX = `own-${randomUUID().slice(0, 8)}`;
export const PREVIOUS_QUEUE_PREFIX = process.env.QUEUE_PREFIX;
process.env.QUEUE_PREFIX = OWN_QUEUE_PREFIX;
