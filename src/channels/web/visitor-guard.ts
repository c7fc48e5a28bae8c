/**
 * The web chat's user id is chosen by the browser, so one address can invent a new conversation for every
 * message (600 a second grew the sessions table by about 13 GB a day). This guard remembers, per address, the
 * user ids it brought in the current window; past `perWindow` new ones, further new ids from that address are
 * still answered, but statelessly: nothing is stored for them (see InboundMessage.stateless). People behind one
 * carrier-grade NAT keep their answers; only a flood loses its memory. A person the bot already knows (a stored
 * conversation) is never affected: stateless applies to newcomers only. Bounded: the
 * least recently seen addresses are forgotten first. Durations come from the monotonic clock.
 */
export interface VisitorGuard {
  /** False when this is one new id too many for that address in this window. */
  admit(address: string, userId: string): boolean;
}

export interface VisitorGuardOptions {
  perWindow?: number;
  windowMs?: number;
  maxAddresses?: number;
  now?: () => number;
}

export function createVisitorGuard(options: VisitorGuardOptions = {}): VisitorGuard {
  const perWindow = options.perWindow ?? 30;
  const windowMs = options.windowMs ?? 3_600_000;
  const maxAddresses = options.maxAddresses ?? 20_000;
  const now = options.now ?? (() => performance.now());
  const byAddress = new Map<string, { since: number; ids: Set<string> }>();
  return {
    admit(address, userId) {
      const t = now();
      let seen = byAddress.get(address);
      if (!seen || t - seen.since > windowMs || t < seen.since) seen = { since: t, ids: new Set() };
      byAddress.delete(address);
      byAddress.set(address, seen); // most recent last
      if (byAddress.size > maxAddresses) byAddress.delete(byAddress.keys().next().value!);
      if (seen.ids.has(userId)) return true;
      if (seen.ids.size >= perWindow) return false;
      seen.ids.add(userId);
      return true;
    },
  };
}
