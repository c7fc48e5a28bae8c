/**
 * Opaque user keys: an HMAC of "channel:platformId" with a secret, so that no raw platform id is ever stored.
 */
import { createHmac } from 'node:crypto';

export type UserKeyer = (channel: string, platformId: string) => string;

export function createUserKeyer(secret: string): UserKeyer {
  if (secret.length < 16) throw new Error('user-key secret must be at least 16 characters');
  return (channel, platformId) =>
    createHmac('sha256', secret).update(`${channel}:${platformId}`).digest('base64url').slice(0, 32);
}
