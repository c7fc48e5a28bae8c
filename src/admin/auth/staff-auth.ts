/**
 * Console sign-in: password check, sessions with a random 256-bit id (only its hash is stored), a CSRF token
 * per session, an idle and an absolute timeout, sign-out, a change of one's own password. A new session id
 * at every sign-in.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { StaffRole, StaffSession } from '../../storage/sqlite/staff-accounts.js';
import { decoyHash, hashPassword, needsRehash, passwordProblem, verifyPassword } from './password.js';
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
    /** Ends every session of `name` except the one given. */
    removeOthers(name: string, keepIdHash: string): void;
    purge(idleBefore: number, openedBefore: number): number;
  };
  limiter: LoginLimiter;
  now: () => number;
  idleMs: number;
  absoluteMs: number;
}

export type SignIn = { kind: 'ok'; sessionId: string } | { kind: 'wrong' } | { kind: 'blocked'; retryAfterMs: number };
export type PasswordChange = { kind: 'ok' } | { kind: 'wrong' } | { kind: 'weak' } | { kind: 'blocked'; retryAfterMs: number };

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
    /**
     * A person's own password, changed with the current one (counted like a sign-in, so that a session left
     * open cannot be used to guess it); every other session of theirs ends.
     */
    async changePassword(name: string, current: string, next: string, address: string, sessionId: string): Promise<PasswordChange> {
      const attempt = { address, account: name.toLowerCase() };
      const wait = deps.limiter.begin(attempt);
      if (wait > 0) return { kind: 'blocked', retryAfterMs: wait };
      const account = deps.accounts.get(name);
      if (!account || !(await verifyPassword(current, account.passwordHash))) return { kind: 'wrong' };
      deps.limiter.succeeded(attempt);
      if (passwordProblem(next)) return { kind: 'weak' };
      deps.accounts.setPasswordHash(account.name, await hashPassword(next));
      deps.sessions.removeOthers(account.name, hashId(sessionId));
      return { kind: 'ok' };
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
