/**
 * The whole service as `npm start` runs it (src/service.ts), in webhook mode for both platforms against fakes on
 * 127.0.0.1, with a temp data dir and its log lines captured. For tests only.
 */
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config.js';
import { createService, type Service } from '../../src/service.js';
import { startFakeTelegram, startFakeZalo } from './fake-platforms.js';
import { postJson, ROOT, tempDir, testClock } from './test-server.js';

export const TELEGRAM_TOKEN = '5550001:full-service-telegram-token-xyz';
export const ZALO_TOKEN = '5550002:full-service-zalo-token';
export const TELEGRAM_SECRET = 'full_service_telegram_secret';
export const ZALO_SECRET = 'full-service-zalo-secret';

export interface FullService {
  service: Service;
  url: string;
  dataDir: string;
  telegram: Awaited<ReturnType<typeof startFakeTelegram>>;
  zalo: Awaited<ReturnType<typeof startFakeZalo>>;
  /** Every log line the service wrote, as written. */
  logs: string[];
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; json: any; headers: Headers }>;
  telegramUpdate(body: unknown): ReturnType<FullService['post']>;
  zaloUpdate(body: unknown): ReturnType<FullService['post']>;
  close(): Promise<void>;
}

export async function startFullService(env: Record<string, string> = {}, clock: () => number = testClock().now): Promise<FullService> {
  const telegram = await startFakeTelegram(TELEGRAM_TOKEN);
  const zalo = await startFakeZalo(ZALO_TOKEN);
  const dataDir = env.DATA_DIR ?? tempDir();
  const config = loadConfig({
    DATA_DIR: dataDir,
    KNOWLEDGE_DIR: join(ROOT, 'knowledge'),
    FLOWS_DIR: join(ROOT, 'flows'),
    PUBLIC_URL: 'https://bhxh.test.example',
    TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
    TELEGRAM_API_ROOT: telegram.url,
    TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
    ZALO_BOT_TOKEN: ZALO_TOKEN,
    ZALO_API_ROOT: zalo.url,
    ZALO_WEBHOOK_SECRET: ZALO_SECRET,
    ...env,
  });
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const service = createService({ ...config, port: 0 }, { logger: { level: env.LOG_LEVEL ?? 'info', stream }, clock });
  const url = (await service.start()).replace('localhost', '127.0.0.1');
  const post: FullService['post'] = (path, body, headers) => postJson(url + path, body, headers);
  return {
    service,
    url,
    dataDir,
    telegram,
    zalo,
    logs,
    post,
    telegramUpdate: (body) => post('/webhooks/telegram', body, { 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET }),
    zaloUpdate: (body) => post('/webhooks/zalo', body, { 'x-bot-api-secret-token': ZALO_SECRET }),
    async close() {
      await service.stop();
      await telegram.close();
      await zalo.close();
    },
  };
}
