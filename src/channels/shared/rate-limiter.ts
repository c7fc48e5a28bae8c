/**
 * Per-user rate limiting: a token bucket per opaque user key, so that a flood from one user cannot starve the
 * others. In memory (one process); old buckets are dropped.
 */
export interface RateLimiter {
  /** True when this user may be served now. */
  allow(userKey: string): boolean;
}

export function createRateLimiter(options: { perMinute: number; burst: number; now?: () => number; maxUsers?: number }): RateLimiter {
  const now = options.now ?? Date.now;
  const refillPerMs = options.perMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const maxUsers = options.maxUsers ?? 100_000;
  return {
    allow(userKey) {
      const t = now();
      const b = buckets.get(userKey) ?? { tokens: options.burst, at: t };
      b.tokens = Math.min(options.burst, b.tokens + (t - b.at) * refillPerMs);
      b.at = t;
      const ok = b.tokens >= 1;
      if (ok) b.tokens -= 1;
      buckets.delete(userKey);
      buckets.set(userKey, b); // most recent last, so the oldest are dropped first
      if (buckets.size > maxUsers) buckets.delete(buckets.keys().next().value!);
      return ok;
    },
  };
}
