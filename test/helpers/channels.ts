/** Platform channels wired to an app the way platforms.ts does it, with test-friendly retries. For tests only. */
import type { App } from '../../src/app.js';
import type { ChannelLogger } from '../../src/channels/chat-handler.js';
import { createOutboxSender } from '../../src/channels/shared/outbox-sender.js';
import { createRateLimiter } from '../../src/channels/shared/rate-limiter.js';
import { createSendQueue, type SendQueueOptions } from '../../src/channels/shared/send-queue.js';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram/adapter.js';
import { createZaloChannel, type ZaloChannel } from '../../src/channels/zalo/adapter.js';
import { createZaloClient } from '../../src/channels/zalo/client.js';

export const quietLog: ChannelLogger = { info: () => {}, warn: () => {}, error: () => {} };

export interface ChannelOptions {
  queue?: SendQueueOptions;
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
    outbox: createOutboxSender(app.outbox, sendQueue),
    rateLimiter: createRateLimiter({ perMinute, burst: Math.max(5, Math.ceil(perMinute / 12)) }),
    limitNotice: app.i18n.t('vi', 'rateLimit.notice'),
  };
}

export function telegramChannelFor(app: App, token: string, apiRoot: string, o: ChannelOptions = {}): TelegramChannel {
  return createTelegramChannel({ token, apiRoot, handleUpdate: app.handleUpdate, updateSeen: app.updateSeen, ...shared(app, o), commands: [{ command: 'menu', description: 'Danh sách chủ đề' }] });
}

export function zaloChannelFor(app: App, token: string, apiRoot: string, o: ChannelOptions & { sleep?: (ms: number) => Promise<void> } = {}): ZaloChannel {
  return createZaloChannel({
    client: createZaloClient({ token, apiRoot }),
    handleUpdate: app.handleUpdate,
    updateSeen: app.updateSeen,
    t: app.i18n.t,
    ...shared(app, o),
    ...(o.sleep ? { sleep: o.sleep } : {}),
  });
}
