/**
 * Per-user rate limiting: a token bucket per opaque user key, so that a flood from one user cannot starve the
 * others. The first message refused in a flood is told so ('limited-first': the channel sends one polite
 * notice); the rest are dropped quietly until the bucket refills. In memory (one process); old buckets are
 * dropped. Durations come from the monotonic clock: a wall clock stepped back must not empty every bucket.
 */
export type RateDecision = 'allowed' | 'limited-first' | 'limited';

export interface RateLimiter {
  check(userKey: string): RateDecision;
}

export function createRateLimiter(options: { perMinute: number; burst: number; now?: () => number; maxUsers?: number }): RateLimiter {
  const now = options.now ?? (() => performance.now());
  const refillPerMs = options.perMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number; told: boolean }>();
  const maxUsers = options.maxUsers ?? 100_000;
  return {
    check(userKey) {
      const t = now();
      const b = buckets.get(userKey) ?? { tokens: options.burst, at: t, told: false };
      b.tokens = Math.min(options.burst, b.tokens + Math.max(0, t - b.at) * refillPerMs); // never backwards
      b.at = t;
      let decision: RateDecision = 'allowed';
      if (b.tokens >= 1) {
        b.tokens -= 1;
        b.told = false;
      } else {
        decision = b.told ? 'limited' : 'limited-first';
        b.told = true;
      }
      buckets.delete(userKey);
      buckets.set(userKey, b); // most recent last, so the oldest are dropped first
      if (buckets.size > maxUsers) buckets.delete(buckets.keys().next().value!);
      return decision;
    },
  };
}
