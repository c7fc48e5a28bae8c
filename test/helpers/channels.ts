/** Platform channels wired to an app the way platforms.ts does it, with test-friendly retries. For tests only. */
import type { App } from '../../src/app.js';
import type { ChannelLogger } from '../../src/channels/chat-handler.js';
import { createOutboxSender, type OutboxSenderOptions } from '../../src/channels/shared/outbox-sender.js';
import { createRateLimiter } from '../../src/channels/shared/rate-limiter.js';
import { createSendQueue, type SendQueueOptions } from '../../src/channels/shared/send-queue.js';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram/adapter.js';
import { createZaloChannel, type ZaloChannel } from '../../src/channels/zalo/adapter.js';
import { createZaloClient } from '../../src/channels/zalo/client.js';

export const quietLog: ChannelLogger = { info: () => {}, warn: () => {}, error: () => {} };

export interface ChannelOptions {
  queue?: SendQueueOptions;
  /** The outbox's retries (the clock defaults to the app's). */
  outbox?: Partial<OutboxSenderOptions>;
  log?: ChannelLogger;
  /** Messages a minute per user before the flood guard steps in. */
  perMinute?: number;
}

function shared(app: App, o: ChannelOptions) {
  const log = o.log ?? quietLog;
  const sendQueue = createSendQueue({ baseDelayMs: 5, onFailure: (e) => log.warn(String(e)), ...o.queue });
  const perMinute = o.perMinute ?? 600;
  return {
    log,
    sendQueue,
    outbox: createOutboxSender(app.outbox, sendQueue, { clock: app.clock, firstRetryMs: 10, scanEveryMs: 20, log, ...o.outbox }),
    rateLimiter: createRateLimiter({ perMinute, burst: Math.max(5, Math.ceil(perMinute / 12)) }),
    limitNotice: app.i18n.t('vi', 'rateLimit.notice'),
  };
}

/** The channel, with the send queue and outbox sender it was given (to look at what waits in memory). */
type WithQueues<T> = T & { queues: Pick<ReturnType<typeof shared>, 'sendQueue' | 'outbox'> };

export function telegramChannelFor(app: App, token: string, apiRoot: string, o: ChannelOptions = {}): WithQueues<TelegramChannel> {
  const deps = shared(app, o);
  const channel = createTelegramChannel({ token, apiRoot, handleUpdate: app.handleUpdate, updateSeen: app.updateSeen, ...deps, commands: [{ command: 'menu', description: 'Danh sách chủ đề' }] });
  return Object.assign(channel, { queues: { sendQueue: deps.sendQueue, outbox: deps.outbox } });
}

export function zaloChannelFor(app: App, token: string, apiRoot: string, o: ChannelOptions & { sleep?: (ms: number) => Promise<void> } = {}): ZaloChannel {
  return createZaloChannel({
    client: createZaloClient({ token, apiRoot }),
    handleUpdate: app.handleUpdate,
    updateSeen: app.updateSeen,
    t: app.i18n.t,
    senderTag: (id) => app.keyer('zalo', id).slice(0, 16),
    ...shared(app, o),
    ...(o.sleep ? { sleep: o.sleep } : {}),
  });
}
