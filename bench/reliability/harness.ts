/**
 * What the load and crash scripts share: fake Telegram and Zalo APIs on 127.0.0.1 (the bot registers its
 * webhooks with them and sends its replies to them), the bot itself as its own process in webhook mode
 * (`npm start`'s entry point, a fresh data dir), and real-shaped webhook updates posted with their secrets.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeTelegram, startFakeZalo } from '../../test/helpers/fake-platforms.js';
import { startProcess, type Running } from '../e2e.js';

export const TELEGRAM_TOKEN = '7000001:reliability-telegram-token-abc';
export const ZALO_TOKEN = '7000002:reliability-zalo-token';
export const TELEGRAM_SECRET = 'reliability_telegram_secret_1';
export const ZALO_SECRET = 'reliability-zalo-secret-0001';

export type Platform = 'telegram' | 'zalo';

export interface Fakes {
  telegram: Awaited<ReturnType<typeof startFakeTelegram>>;
  zalo: Awaited<ReturnType<typeof startFakeZalo>>;
  /** Replies received so far, per platform chat ("telegram:42"), in arrival order. */
  repliesByChat(): Map<string, string[]>;
  replyCount(): number;
  close(): Promise<void>;
}

export async function startFakes(): Promise<Fakes> {
  const telegram = await startFakeTelegram(TELEGRAM_TOKEN);
  const zalo = await startFakeZalo(ZALO_TOKEN);
  const sends = () => [
    ...telegram.messages().map((m) => [`telegram:${String(m.body.chat_id)}`, String(m.body.text)] as const),
    ...zalo.sent.filter((m) => m.method === 'sendMessage').map((m) => [`zalo:${String(m.body.chat_id)}`, String(m.body.text)] as const),
  ];
  return {
    telegram,
    zalo,
    repliesByChat() {
      const out = new Map<string, string[]>();
      for (const [chat, text] of sends()) out.set(chat, [...(out.get(chat) ?? []), text]);
      return out;
    },
    replyCount: () => telegram.messages().length + zalo.texts().length,
    close: async () => {
      await telegram.close();
      await zalo.close();
    },
  };
}

export interface BotProcess extends Running {
  dataDir: string;
}

/** Starts the bot (src/main.ts under tsx) in webhook mode for both platforms, on `port` or a free one. */
export async function startBot(fakes: Fakes, options: { dataDir?: string; port?: number; env?: Record<string, string> } = {}): Promise<BotProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'bhxh-reliability-'));
  const env = {
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    HTTP_RATE_LIMIT_PER_MINUTE: '0', // every request comes from 127.0.0.1
    WEB_NEW_CONVERSATIONS_PER_HOUR: '0',
    PUBLIC_URL: 'https://bhxh.reliability.test',
    TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
    TELEGRAM_API_ROOT: fakes.telegram.url,
    TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
    ZALO_BOT_TOKEN: ZALO_TOKEN,
    ZALO_API_ROOT: fakes.zalo.url,
    ZALO_WEBHOOK_SECRET: ZALO_SECRET,
    ...options.env,
  };
  const running = await startProcess('src/main.ts', env, '/health', options.port ? { port: options.port } : {});
  return { ...running, dataDir };
}

/** A Telegram update carrying a text message from a private chat. */
export function telegramUpdate(updateId: number, chatId: number, text: string): object {
  return {
    update_id: updateId,
    message: { message_id: updateId, from: { id: chatId, is_bot: false, first_name: 'Dân', language_code: 'vi' }, chat: { id: chatId, first_name: 'Dân', type: 'private' }, date: 1_764_547_200, text },
  };
}

/** A Zalo webhook body (wrapped, as the platform documents it) carrying a text message. */
export function zaloUpdate(messageId: string, userId: string, text: string): object {
  return {
    ok: true,
    result: {
      event_name: 'message.text.received',
      message: { from: { id: userId, display_name: 'Dân', is_bot: false }, chat: { id: userId, chat_type: 'PRIVATE' }, text, message_id: messageId, date: 1_764_547_200_000 },
    },
  };
}

export const WEBHOOK = {
  telegram: { path: '/webhooks/telegram', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET } },
  zalo: { path: '/webhooks/zalo', headers: { 'content-type': 'application/json', 'x-bot-api-secret-token': ZALO_SECRET } },
} as const;

/** Posts one update as the platform would; the status, or 0 when the bot could not be reached. */
export async function deliver(url: string, platform: Platform, body: object, timeoutMs = 15_000): Promise<{ status: number; outcome?: string }> {
  try {
    const res = await fetch(url + WEBHOOK[platform].path, { method: 'POST', headers: WEBHOOK[platform].headers, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
    const json = (await res.json().catch(() => ({}))) as { outcome?: string };
    return { status: res.status, ...(json.outcome ? { outcome: json.outcome } : {}) };
  } catch {
    return { status: 0 };
  }
}

/** Waits until `count()` has not changed for `quietMs` (replies still trickling out of the send queue). */
export async function settle(count: () => number, quietMs = 1500, timeoutMs = 120_000): Promise<void> {
  const t0 = Date.now();
  let last = -1;
  let since = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    const n = count();
    if (n !== last) {
      last = n;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `--name N` from the command line, or the fallback. */
export function numberOption(args: readonly string[], name: string, fallback: number): number {
  return args.includes(name) ? Number(args[args.indexOf(name) + 1]) || fallback : fallback;
}

export const percentile = (sorted: readonly number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0);
