/**
 * Authenticated encryption (AES-256-GCM) for what must be kept for a moment but must not lie in the database
 * in clear: a reply waiting in the outbox holds the platform chat id it goes to. The key is derived from the
 * user-key secret, so a copy of the database alone reveals nothing; a tampered or foreign row does not open.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

export interface SealedBox {
  seal(value: unknown): string;
  /** The value, or undefined when the text was not sealed with this key (or was altered). */
  open(sealed: string): unknown;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

export function createSealedBox(secret: string, purpose: string): SealedBox {
  const key = createHmac('sha256', secret).update(`sealed-box:${purpose}`).digest();
  return {
    seal(value) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(sealed) {
      try {
        const raw = Buffer.from(sealed, 'base64url');
        if (raw.length < IV_BYTES + TAG_BYTES) return undefined;
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
        decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        const text = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
        return JSON.parse(text) as unknown;
      } catch {
        return undefined;
      }
    },
  };
}
