/**
 * Slows down password guessing: after `maxFailures` failed sign-ins within `windowMs`, from one address or
 * for one account name, further attempts are refused until the window has passed. Kept in memory: a restart
 * resets it, which costs an attacker a restart they cannot cause.
 */
export interface LoginLimiter {
  /** Milliseconds to wait, or 0 when an attempt is allowed. */
  blockedFor(keys: readonly string[], now: number): number;
  failed(keys: readonly string[], now: number): void;
  succeeded(keys: readonly string[]): void;
}

export function createLoginLimiter(maxFailures = 5, windowMs = 15 * 60_000, maxKeys = 10_000): LoginLimiter {
  const failures = new Map<string, number[]>();
  const recent = (key: string, now: number) => (failures.get(key) ?? []).filter((t) => now - t < windowMs);
  return {
    blockedFor(keys, now) {
      let wait = 0;
      for (const k of keys) {
        const list = recent(k, now);
        if (list.length >= maxFailures) wait = Math.max(wait, list[0]! + windowMs - now);
      }
      return wait;
    },
    failed(keys, now) {
      if (failures.size > maxKeys) failures.clear();
      for (const k of keys) failures.set(k, [...recent(k, now), now].slice(-maxFailures));
    },
    succeeded(keys) {
      for (const k of keys) failures.delete(k);
    },
  };
}
