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
  /** A keyed hash of the chat: replies to one chat keep their order. */
  chatKey: string;
  /** Failed rounds of sending so far. */
  attempts: number;
  /** Delays waited between those rounds, in ms (the retry deadline counts these, not the wall clock). */
  retriedMs: number;
}

/** Replies given up, by channel and reason (for the dashboard). */
export interface DeadLetterCount {
  channel: string;
  reason: string;
  count: number;
  /** When the latest of them was given up (ms). */
  latest: number;
}

export interface OutboxStore {
  /** Written inside the turn's transaction, so that a reply exists exactly when its update was claimed. */
  add(channel: Channel, items: readonly Outgoing[], at: number): QueuedOutgoing[];
  /**
   * Replies that may go now, oldest first, at most `limit`: none of a chat whose replies wait for a retry.
   * A retry time further ahead than `maxDelayMs` (the wall clock stepped back) counts as due.
   */
  due(channel: Channel, now: number, maxDelayMs: number, limit: number): QueuedOutgoing[];
  /** How many replies are in the outbox for this channel (sent ones not yet cleared included). */
  count(channel: Channel): number;
  /** Keys of the chats whose replies wait for a retry time still ahead. */
  waitingChats(channel: Channel, now: number, maxDelayMs: number): Set<string>;
  /** Sent: forget it (cleared in batches). */
  done(id: number): void;
  /** Failed again: count the attempt and hold this chat's replies until `nextAt`. */
  retryLater(channel: Channel, item: QueuedOutgoing, nextAt: number, waitedMs: number): void;
  /** Given up: moved to the dead letters with the reason (no platform id in clear). */
  dead(item: QueuedOutgoing, reason: string, at: number): void;
  deadLetters(): DeadLetterCount[];
  /** Clears what done() was told now (at shutdown). */
  flush(): void;
}
