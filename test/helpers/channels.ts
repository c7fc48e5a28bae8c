/** Platform channels wired to an app the way platforms.ts does it, with test-friendly retries. For tests only. */
import type { App } from '../../src/app.js';
import { createOutboxSender } from '../../src/channels/shared/outbox-sender.js';
import { createRateLimiter } from '../../src/channels/shared/rate-limiter.js';
import { createSendQueue, type SendQueueOptions } from '../../src/channels/shared/send-queue.js';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram/adapter.js';

export const quietLog = { info: () => {}, warn: () => {}, error: () => {} };

export function telegramChannelFor(app: App, token: string, apiRoot: string, queue: SendQueueOptions = {}): TelegramChannel {
  const sendQueue = createSendQueue({ baseDelayMs: 5, ...queue });
  return createTelegramChannel({
    token,
    apiRoot,
    handleUpdate: app.handleUpdate,
    sendQueue,
    outbox: createOutboxSender(app.outbox, sendQueue, () => {}),
    rateLimiter: createRateLimiter({ perMinute: 600, burst: 50 }),
    log: quietLog,
    commands: [{ command: 'menu', description: 'Danh sách chủ đề' }],
  });
}
