/**
 * The one port every channel adapter talks to: a platform user's message in, the core's response out.
 * The adapter passes the raw platform id; the handler keys it (HMAC) before anything is stored.
 */
import type { BotResponse, Channel } from '../core/types.js';
import type { Outgoing, QueuedOutgoing } from '../storage/outbox-store.js';

export type ChatHandler = (
  channel: Channel,
  platformId: string,
  input: { text?: string; payload?: string; stateless?: boolean },
) => BotResponse | Promise<BotResponse>;

/**
 * For platform updates with an id. In one transaction: the id is claimed, the core answers, and `render`'s
 * platform messages go into the outbox; returns them queued, or null when that update was already handled
 * (acknowledge it, do nothing).
 */
export type ChatUpdateHandler = (
  channel: Channel,
  updateKey: string,
  platformId: string,
  input: { text?: string; payload?: string },
  render: (response: BotResponse) => Outgoing[],
) => QueuedOutgoing[] | null;

/** True when that platform update was already handled (checked before the flood guard counts it). */
export type UpdateSeen = (channel: Channel, updateKey: string) => boolean;

/** What channels log: never message texts, tokens or URLs that contain a token. */
export interface ChannelLogger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}
