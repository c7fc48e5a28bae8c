/**
 * Slows down password guessing without letting one person's typos lock out every staff member:
 * - an attempt is counted *before* the password is checked (so 40 concurrent tries cannot slip past a check
 *   that only counts afterwards), and forgotten again when it succeeds;
 * - one address guessing one account is blocked after 5 failures, one address after 20 (any accounts);
 * - an account guessed at from many addresses is slowed down (one attempt every 30 s), never locked for all;
 * - the memory is bounded (least recently used keys go first) without ever forgetting a key that is blocked,
 *   so flooding it with new addresses cannot wipe an active block.
 * Durations run on a monotonic clock: a step of the wall clock neither lifts nor extends a block.
 */
import { performance } from 'node:perf_hooks';

export interface LoginAttempt {
  address: string;
  /** The account name as typed (lower-cased by the caller). */
  account: string;
}

export interface LoginLimiter {
  /** Milliseconds to wait, or 0: the attempt is then counted as a failure until `succeeded` says otherwise. */
  begin(attempt: LoginAttempt): number;
  succeeded(attempt: LoginAttempt): void;
}

export interface LimiterOptions {
  windowMs?: number;
  perPair?: number;
  perAddress?: number;
  /** Failures of one account, from anywhere, before it is slowed down… */
  perAccount?: number;
  /** …to one attempt every this many milliseconds. */
  accountSpacingMs?: number;
  /** Keys kept; beyond it the least recently used unblocked key is forgotten. */
  maxKeys?: number;
  /** Monotonic milliseconds. */
  now?: () => number;
}

export function createLoginLimiter(options: LimiterOptions = {}): LoginLimiter {
  const windowMs = options.windowMs ?? 15 * 60_000;
  const perPair = options.perPair ?? 5;
  const perAddress = options.perAddress ?? 20;
  const perAccount = options.perAccount ?? 10;
  const spacing = options.accountSpacingMs ?? 30_000;
  const maxKeys = options.maxKeys ?? 10_000;
  const now = options.now ?? (() => performance.now());
  /** Key → failure times, oldest first; the Map's order is the order of last use. */
  const failures = new Map<string, number[]>();

  const keys = (a: LoginAttempt) => ({ pair: `pair:${a.address}\u0000${a.account}`, address: `ip:${a.address}`, account: `name:${a.account}` });
  const recent = (key: string, t: number) => (failures.get(key) ?? []).filter((x) => t - x < windowMs);
  const limitOf = (key: string) => (key.startsWith('pair:') ? perPair : key.startsWith('ip:') ? perAddress : Infinity);
  const isBlocked = (key: string, t: number) => recent(key, t).length >= limitOf(key);

  function touch(key: string, list: number[]): void {
    failures.delete(key);
    if (list.length > 0) failures.set(key, list);
    if (failures.size <= maxKeys) return;
    const t = now();
    for (const k of failures.keys()) {
      if (failures.size <= maxKeys) break;
      if (!isBlocked(k, t)) failures.delete(k);
    }
    // Even blocked keys are bounded: past five times the limit, the oldest go (each took 5–20 slow guesses).
    for (const k of failures.keys()) {
      if (failures.size <= 5 * maxKeys) break;
      failures.delete(k);
    }
  }

  function wait(k: ReturnType<typeof keys>, t: number): number {
    let ms = 0;
    for (const key of [k.pair, k.address]) {
      const list = recent(key, t);
      if (list.length >= limitOf(key)) ms = Math.max(ms, list[list.length - limitOf(key)]! + windowMs - t);
    }
    const account = recent(k.account, t);
    if (account.length >= perAccount) ms = Math.max(ms, account[account.length - 1]! + spacing - t);
    return Math.max(0, Math.ceil(ms));
  }

  return {
    begin(attempt) {
      const t = now();
      const k = keys(attempt);
      const ms = wait(k, t);
      if (ms > 0) return ms;
      // Counted now, before the slow password check: concurrent attempts see each other.
      for (const key of [k.pair, k.address, k.account]) touch(key, [...recent(key, t), t].slice(-Math.max(perPair, perAddress, perAccount)));
      return 0;
    },
    succeeded(attempt) {
      const k = keys(attempt);
      // The right password was given: this person's typos are forgiven; others' guesses still count.
      failures.delete(k.pair);
      for (const key of [k.address, k.account]) {
        const list = failures.get(key);
        if (list && list.length > 0) touch(key, list.slice(0, -1));
      }
    },
  };
}
