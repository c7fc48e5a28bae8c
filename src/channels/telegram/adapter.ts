/**
 * The Telegram channel on grammY: updates in (long polling or webhook), replies out through the send queue.
 * Every update is claimed once by update_id; every callback query is answered; non-text messages get the
 * core's polite "type your question in words" reply. 429 honours retry_after; 5xx and network errors retry.
 */
import { Bot, GrammyError, HttpError } from 'grammy';
import type { ChannelLogger, ChatUpdateHandler, UpdateSeen } from '../chat-handler.js';
import type { OutboxSender } from '../shared/outbox-sender.js';
import { cappedFetch } from '../shared/capped-fetch.js';
import type { RateLimiter } from '../shared/rate-limiter.js';
import { SendError, type SendQueue } from '../shared/send-queue.js';
import type { BotResponse } from '../../core/types.js';
import { telegramOutgoing, type TelegramMessage } from './render.js';
import { parseTelegramUpdate } from './updates.js';

export interface TelegramChannelDeps {
  token: string;
  apiRoot: string;
  handleUpdate: ChatUpdateHandler;
  updateSeen: UpdateSeen;
  sendQueue: SendQueue;
  /** Replies go through the outbox: stored with the turn, sent, then cleared. */
  outbox: OutboxSender;
  rateLimiter: RateLimiter;
  log: ChannelLogger;
  /** Told once to a user who sends too fast (the rest of the flood is dropped). */
  limitNotice: string;
  /** Commands shown in Telegram's menu: [command, description]. */
  commands: { command: string; description: string }[];
}

export type UpdateOutcome = 'handled' | 'duplicate' | 'ignored' | 'limited' | 'invalid';

export function toSendError(err: unknown): SendError {
  if (err instanceof GrammyError) {
    const retryAfter = err.parameters?.retry_after;
    return new SendError(`telegram ${err.method} failed (${err.error_code})`, retryAfter, err.error_code === 429 || err.error_code >= 500);
  }
  if (err instanceof HttpError) return new SendError(`telegram network error${err.error instanceof Error && err.error.name === 'ResponseTooLarge' ? ': response too large' : ''}`);
  return new SendError(String((err as Error)?.message ?? err));
}

/** The largest answer read from the Bot API: getUpdates brings at most 100 updates. */
export const MAX_TELEGRAM_RESPONSE_BYTES = 4 * 1024 * 1024;

export function createTelegramChannel(deps: TelegramChannelDeps) {
  // Every call has a timeout (longer than the 30 s long poll), a bounded answer and no redirects.
  const bot = new Bot(deps.token, { client: { apiRoot: deps.apiRoot, timeoutSeconds: 40, fetch: cappedFetch(MAX_TELEGRAM_RESPONSE_BYTES) } });

  function enqueue(chatId: number, call: () => Promise<unknown>): void {
    deps.sendQueue.enqueue(`telegram:${chatId}`, () => sendOrThrow(call));
  }

  async function sendOrThrow(call: () => Promise<unknown>): Promise<void> {
    try {
      await call();
    } catch (err) {
      throw toSendError(err);
    }
  }

  /** Sends one stored reply (the outbox's deliverer). */
  const deliver = (chat: string, message: unknown) => {
    const m = message as TelegramMessage;
    return sendOrThrow(() => bot.api.sendMessage(Number(chat), m.text, { parse_mode: 'HTML', ...(m.reply_markup ? { reply_markup: m.reply_markup } : {}) }));
  };

  /** False when the user sends too fast; the first time, they are told so. */
  function allowed(userId: number, chatId: number): boolean {
    const decision = deps.rateLimiter.check(`telegram:${userId}`);
    if (decision === 'limited-first') enqueue(chatId, () => bot.api.sendMessage(chatId, deps.limitNotice));
    return decision === 'allowed';
  }

  const rendered = (chatId: number) => (response: BotResponse) => telegramOutgoing(String(chatId), response);

  /** Handles one raw update; storage errors propagate (the webhook answers 503 and Telegram retries). */
  function handleUpdate(body: unknown): UpdateOutcome {
    const update = parseTelegramUpdate(body);
    if (!update) return 'invalid';
    const key = String(update.update_id);
    const cq = update.callback_query;
    // A redelivery is recognised before the flood guard counts it (the atomic claim below still decides);
    // its callback query was answered the first time.
    if (deps.updateSeen('telegram', key)) return 'duplicate';
    // Answer every other callback query, even a forged or flooded one, so the button stops spinning.
    if (cq) enqueue(cq.from.id, () => bot.api.answerCallbackQuery(cq.id).catch(() => undefined));
    if (cq) {
      const chatId = cq.message?.chat.id ?? cq.from.id;
      if (!allowed(cq.from.id, chatId)) return 'limited';
      const queued = deps.handleUpdate('telegram', key, String(cq.from.id), { payload: cq.data ?? '' }, rendered(chatId));
      if (!queued) return 'duplicate';
      deps.outbox.send('telegram', queued, deliver);
      return 'handled';
    }
    const msg = update.message;
    if (!msg || !msg.from) return 'ignored';
    const chatId = msg.chat.id;
    if (!allowed(msg.from.id, chatId)) return 'limited';
    const queued = deps.handleUpdate('telegram', key, String(msg.from.id), msg.text !== undefined ? { text: msg.text } : {}, rendered(chatId));
    if (!queued) return 'duplicate';
    enqueue(chatId, () => bot.api.sendChatAction(chatId, 'typing').catch(() => undefined)); // best-effort
    deps.outbox.send('telegram', queued, deliver);
    return 'handled';
  }

  bot.use((ctx) => {
    handleUpdate(ctx.update);
  });
  bot.catch((err) => deps.log.error(`telegram: update failed: ${err.message}`));

  return {
    bot,
    handleUpdate,
    /** Sends the replies a crash left in the outbox; returns how many. */
    resume: () => deps.outbox.resume('telegram', deliver),
    async registerCommands(): Promise<void> {
      try {
        await bot.api.setMyCommands(deps.commands);
      } catch (err) {
        deps.log.warn(`telegram: setMyCommands failed: ${toSendError(err).message}`);
      }
    },
    /** Long polling; resolves when stopped. */
    async startPolling(): Promise<void> {
      await this.registerCommands();
      await bot.start({ drop_pending_updates: false, allowed_updates: ['message', 'callback_query'] });
    },
    async setWebhook(url: string, secret: string): Promise<void> {
      await bot.api.setWebhook(url, { secret_token: secret, allowed_updates: ['message', 'callback_query'] });
      await this.registerCommands();
    },
    async stop(): Promise<void> {
      if (bot.isRunning()) await bot.stop();
    },
  };
}

export type TelegramChannel = ReturnType<typeof createTelegramChannel>;
