/**
 * Console sign-in: password check, sessions with a random 256-bit id (only its hash is stored), a CSRF token
 * per session, an idle and an absolute timeout, sign-out. A new session id at every sign-in.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { StaffRole, StaffSession } from '../../storage/sqlite/staff-accounts.js';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from './password.js';
import type { LoginLimiter } from './login-limiter.js';

export interface StaffAuthDeps {
  accounts: {
    get(name: string): { name: string; role: StaffRole; passwordHash: string } | undefined;
    /** Replaces a stored hash (an upgrade to today's parameters). */
    setPasswordHash(name: string, hash: string): void;
  };
  sessions: {
    create(idHash: string, name: string, csrf: string, at: number): void;
    get(idHash: string): StaffSession | undefined;
    touch(idHash: string, at: number): void;
    remove(idHash: string): void;
    purge(idleBefore: number, openedBefore: number): number;
  };
  limiter: LoginLimiter;
  now: () => number;
  idleMs: number;
  absoluteMs: number;
}

export type SignIn = { kind: 'ok'; sessionId: string } | { kind: 'wrong' } | { kind: 'blocked'; retryAfterMs: number };

const hashId = (id: string) => createHash('sha256').update(id).digest('base64url');

export function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y) && a.length === b.length;
}

export function createStaffAuth(deps: StaffAuthDeps) {
  return {
    async signIn(name: string, password: string, address: string): Promise<SignIn> {
      const attempt = { address, account: name.toLowerCase() };
      // Counted before the slow hash, so that concurrent guesses cannot all pass a check made before any counted.
      const wait = deps.limiter.begin(attempt);
      if (wait > 0) return { kind: 'blocked', retryAfterMs: wait };
      const account = deps.accounts.get(name);
      const ok = await verifyPassword(password, account?.passwordHash ?? (await decoyHash()));
      if (!account || !ok) return { kind: 'wrong' };
      deps.limiter.succeeded(attempt);
      if (needsRehash(account.passwordHash)) deps.accounts.setPasswordHash(account.name, await hashPassword(password));
      const sessionId = randomBytes(32).toString('base64url');
      deps.sessions.create(hashId(sessionId), account.name, randomBytes(32).toString('base64url'), deps.now());
      return { kind: 'ok', sessionId };
    },
    /** The session behind a cookie value, refreshed; undefined when absent or expired (then removed). */
    session(sessionId: string | undefined): StaffSession | undefined {
      if (!sessionId || sessionId.length > 100) return undefined;
      const idHash = hashId(sessionId);
      const s = deps.sessions.get(idHash);
      if (!s) return undefined;
      const now = deps.now();
      if (now - s.lastSeen > deps.idleMs || now - s.createdAt > deps.absoluteMs) {
        deps.sessions.remove(idHash);
        return undefined;
      }
      deps.sessions.touch(idHash, now);
      return s;
    },
    signOut(sessionId: string | undefined): void {
      if (sessionId && sessionId.length <= 100) deps.sessions.remove(hashId(sessionId));
    },
    purgeExpired(): number {
      const now = deps.now();
      return deps.sessions.purge(now - deps.idleMs, now - deps.absoluteMs);
    },
  };
}

export type StaffAuth = ReturnType<typeof createStaffAuth>;
