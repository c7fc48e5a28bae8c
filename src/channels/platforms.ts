/**
 * Which messaging platforms run, and how: a token in the configuration switches a platform on; PUBLIC_URL
 * switches it from long polling to a webhook. Part of the composition root (with app.ts and main.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { App } from '../app.js';
import type { Config } from '../config/config.js';
import type { ChannelLogger } from './chat-handler.js';
import { createOutboxSender } from './shared/outbox-sender.js';
import { createRateLimiter } from './shared/rate-limiter.js';
import { createSendQueue } from './shared/send-queue.js';
import { createTelegramChannel, type TelegramChannel } from './telegram/adapter.js';
import { registerTelegramWebhook, TELEGRAM_WEBHOOK_PATH } from './telegram/webhook.js';
import { createZaloChannel, type ZaloChannel } from './zalo/adapter.js';
import { createZaloClient } from './zalo/client.js';
import { registerZaloWebhook, ZALO_WEBHOOK_PATH } from './zalo/webhook.js';

export interface Platforms {
  telegram?: TelegramChannel;
  zalo?: ZaloChannel;
  /** Registers the webhook routes of the platforms in webhook mode. */
  register(server: FastifyInstance): void;
  /**
   * Sends the replies a crash left in the outbox (once; before the server listens, so that they go out
   * before any new reply to the same chat). start() does it too if it was not done.
   */
  resume(): void;
  /** Sends what waits in a platform's outbox now (a staff reply was just queued). */
  sendWaiting(channel: 'telegram' | 'zalo'): void;
  /** Starts polling, or registers the webhooks with the platforms. */
  start(): Promise<void>;
  /** Stops polling and waits for replies still being sent. */
  stop(): Promise<void>;
}

const COMMANDS = ['start', 'menu', 'help', 'lang', 'forget'] as const;

export function createPlatforms(config: Config, app: App, log: ChannelLogger): Platforms {
  const sendQueue = createSendQueue({ onFailure: (err) => log.warn(`send failed: ${(err as Error).message}`) });
  const outbox = createOutboxSender(app.outbox, sendQueue, { clock: app.clock, log });
  let resumed = false;
  const limitNotice = app.i18n.t(config.defaultLanguage, 'rateLimit.notice');
  const rateLimiter = createRateLimiter({ perMinute: config.rateLimitPerMinute, burst: Math.max(5, Math.ceil(config.rateLimitPerMinute / 3)) });
  const webhook = Boolean(config.publicUrl);
  const polls: Promise<void>[] = [];

  const telegram = config.telegram
    ? createTelegramChannel({
        token: config.telegram.token,
        apiRoot: config.telegram.apiRoot,
        handleUpdate: app.handleUpdate,
        updateSeen: app.updateSeen,
        sendQueue,
        outbox,
        rateLimiter,
        limitNotice,
        log,
        commands: COMMANDS.map((c) => ({ command: c, description: app.i18n.t(config.defaultLanguage, `telegram.commands.${c}`) })),
      })
    : undefined;
  const zalo = config.zalo
    ? createZaloChannel({
        client: createZaloClient({ token: config.zalo.token, apiRoot: config.zalo.apiRoot }),
        handleUpdate: app.handleUpdate,
        updateSeen: app.updateSeen,
        t: app.i18n.t,
        outbox,
        sendQueue,
        limitNotice,
        rateLimiter,
        log,
        senderTag: (id) => app.keyer('zalo', id).slice(0, 16),
      })
    : undefined;

  return {
    ...(telegram ? { telegram } : {}),
    ...(zalo ? { zalo } : {}),
    register(server) {
      if (!webhook) return;
      if (telegram) registerTelegramWebhook(server, { secret: config.telegram!.webhookSecret!, channel: telegram });
      if (zalo) registerZaloWebhook(server, { secret: config.zalo!.webhookSecret!, channel: zalo });
    },
    resume() {
      if (resumed) return;
      resumed = true;
      const n = (telegram?.resume() ?? 0) + (zalo?.resume() ?? 0);
      if (n > 0) log.info(`outbox: sending ${n} replies left from before the restart`);
    },
    sendWaiting(channel) {
      outbox.wake(channel);
    },
    async start() {
      this.resume();
      if (telegram) {
        if (webhook) await telegram.setWebhook(`${config.publicUrl}${TELEGRAM_WEBHOOK_PATH}`, config.telegram!.webhookSecret!);
        else polls.push(telegram.startPolling().catch((err) => log.error(`telegram: polling stopped: ${(err as Error).message}`)));
        log.info(`telegram: ${webhook ? 'webhook' : 'long polling'}`);
      }
      if (zalo) {
        if (webhook) await createZaloClient({ token: config.zalo!.token, apiRoot: config.zalo!.apiRoot }).setWebhook(`${config.publicUrl}${ZALO_WEBHOOK_PATH}`, config.zalo!.webhookSecret!);
        else polls.push(zalo.startPolling());
        log.info(`zalo: ${webhook ? 'webhook' : 'long polling'}`);
      }
    },
    async stop() {
      zalo?.stop();
      await telegram?.stop();
      await outbox.drain(); // what waits in the outbox goes too, not only what is in memory
      outbox.stop();
      await sendQueue.drain();
    },
  };
}
