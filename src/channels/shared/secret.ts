/**
 * Constant-time comparison of a received secret with the expected one. Both sides are hashed first, because
 * timingSafeEqual throws on different lengths; a missing, repeated or non-ASCII header simply does not match.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

export function secretMatches(received: string | string[] | undefined, expected: string): boolean {
  if (typeof received !== 'string' || received.length === 0 || received.length > 512) return false;
  return timingSafeEqual(digest(received), digest(expected));
}
