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
