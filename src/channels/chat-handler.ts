/**
 * The one port every channel adapter talks to: a platform user's message in, the core's response out.
 * The adapter passes the raw platform id; the handler keys it (HMAC) before anything is stored.
 */
import type { BotResponse, Channel } from '../core/types.js';

export type ChatHandler = (
  channel: Channel,
  platformId: string,
  input: { text?: string; payload?: string },
) => BotResponse | Promise<BotResponse>;

/** For platform updates with an id: null when that update was already handled (acknowledge, do nothing). */
export type ChatUpdateHandler = (
  channel: Channel,
  updateKey: string,
  platformId: string,
  input: { text?: string; payload?: string },
) => BotResponse | null;

/** What channels log: never message texts, tokens or URLs that contain a token. */
export interface ChannelLogger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}
