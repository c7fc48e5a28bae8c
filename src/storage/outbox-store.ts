/** The outbox port: replies rendered for a platform, kept until the platform has taken them. */
import type { Channel } from '../core/types.js';

/** A reply rendered for one platform chat: `message` is the platform's own shape (JSON). */
export interface Outgoing {
  chat: string;
  message: unknown;
}

/** An outgoing reply once it is in the outbox. */
export interface QueuedOutgoing extends Outgoing {
  id: number;
}

export interface OutboxStore {
  /** Written inside the turn's transaction, so that a reply exists exactly when its update was claimed. */
  add(channel: Channel, items: readonly Outgoing[], at: number): QueuedOutgoing[];
  /** Replies not yet sent (after a crash), oldest first. */
  pending(channel: Channel): QueuedOutgoing[];
  /** Sent, or refused for good: forget it (soon: cleared in batches). */
  done(id: number): void;
  /** Clears what done() was told now (at shutdown). */
  flush(): void;
}
