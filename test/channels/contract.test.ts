/**
 * One contract every channel passes: text in → replies out; buttons rendered and chosen the channel's way
 * (web payloads, Telegram callback data, Zalo typed numbers); every part within the platform's limit; a
 * platform that fails to deliver does not stop the bot.
 */
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { registerTelegramWebhook } from '../../src/channels/telegram/webhook.js';
import { registerZaloWebhook } from '../../src/channels/zalo/webhook.js';
import { loadConfig } from '../../src/config/config.js';
import { telegramChannelFor, zaloChannelFor } from '../helpers/channels.js';
import { startFakeTelegram, startFakeZalo, waitFor } from '../helpers/fake-platforms.js';
import { ROOT, startTestServer, tempDir, testClock, type TestServer } from '../helpers/test-server.js';

interface Driver {
  /** Sends text as a user; resolves with the texts the bot sent back for it. */
  say(text: string): Promise<string[]>;
  /** Chooses the offered option with this label; resolves with the replies. */
  choose(label: string): Promise<string[]>;
  /** The platform's length limit, if any. */
  limit: number | null;
  /** Makes the platform refuse one message's deliveries (all its attempts). */
  breakDelivery(): void;
  close(): Promise<void>;
}

const SECRET = 'contract-webhook-secret-1';
const newApp = () => createApp(loadConfig({ DATA_DIR: tempDir(), KNOWLEDGE_DIR: join(ROOT, 'knowledge'), FLOWS_DIR: join(ROOT, 'flows') }), testClock().now);
const fast = { queue: { baseDelayMs: 1, maxAttempts: 3 }, perMinute: 6000 };

async function webDriver(): Promise<Driver> {
  const s: TestServer = await startTestServer();
  let last: { replies: { text: string; buttons?: { label: string; payload: string }[] }[] } = { replies: [] };
  const post = async (body: object) => {
    const r = await s.chat({ user: 'contract-web', ...body });
    last = r.json;
    return last.replies.map((x) => x.text);
  };
  return {
    say: (text) => post({ text }),
    choose: (label) => post({ payload: last.replies.flatMap((r) => r.buttons ?? []).find((b) => b.label === label)!.payload }),
    limit: null,
    breakDelivery: () => {},
    close: () => s.close(),
  };
}

async function telegramDriver(): Promise<Driver> {
  const token = '1234567:contract-telegram-token-abc';
  const fake = await startFakeTelegram(token);
  const app: App = newApp();
  const channel = telegramChannelFor(app, token, fake.url, fast);
  const server: FastifyInstance = Fastify();
  registerTelegramWebhook(server, { secret: SECRET, channel });
  let updateId = 1;
  const from = { id: 555, is_bot: false, first_name: 'C' };
  const deliver = async (update: object) => {
    const before = fake.messages().length;
    const res = await server.inject({ method: 'POST', url: '/webhooks/telegram', payload: { update_id: updateId++, ...update }, headers: { 'x-telegram-bot-api-secret-token': SECRET } });
    expect(res.statusCode).toBe(200);
    await waitFor(() => fake.messages().length > before || undefined, 3000).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 30));
    return fake.messages().slice(before).map((m) => String(m.body.text));
  };
  return {
    say: (text) => deliver({ message: { message_id: updateId, from, chat: { id: 555, type: 'private' }, date: 0, text } }),
    choose: (label) => {
      const markup = [...fake.messages()].reverse().find((m) => m.body.reply_markup)!.body.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] };
      const data = markup.inline_keyboard.flat().find((b) => b.text === label)!.callback_data;
      return deliver({ callback_query: { id: `cq${updateId}`, from, data, message: { message_id: 1, chat: { id: 555, type: 'private' }, date: 0 } } });
    },
    limit: 4096,
    breakDelivery: () => fake.faults.push(...Array.from({ length: 3 }, () => ({ method: 'sendMessage', status: 500 }))),
    close: async () => {
      app.close();
      await fake.close();
    },
  };
}

async function zaloDriver(): Promise<Driver> {
  const token = '1234567:contract-zalo-token';
  const fake = await startFakeZalo(token);
  const app: App = newApp();
  const channel = zaloChannelFor(app, token, fake.url, fast);
  const server: FastifyInstance = Fastify();
  registerZaloWebhook(server, { secret: SECRET, channel });
  let n = 1;
  const say = async (text: string) => {
    const before = fake.texts().length;
    const event = { event_name: 'message.text.received', message: { from: { id: 'zc' }, chat: { id: 'zc', chat_type: 'PRIVATE' }, text, message_id: `m${n++}`, date: 0 } };
    const res = await server.inject({ method: 'POST', url: '/webhooks/zalo', payload: { ok: true, result: event }, headers: { 'x-bot-api-secret-token': SECRET } });
    expect(res.statusCode).toBe(200);
    await waitFor(() => fake.texts().length > before || undefined, 3000).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 30));
    return fake.texts().slice(before);
  };
  return {
    say,
    choose: (label) => {
      const lastText = fake.texts().at(-1)!;
      const number = new RegExp(`\\n(\\d+)\\. ${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`).exec(`${lastText}\n`)![1]!;
      return say(number);
    },
    limit: 2000,
    breakDelivery: () => fake.faults.push(...Array.from({ length: 3 }, () => ({ method: 'sendMessage', status: 500 }))),
    close: async () => {
      app.close();
      await fake.close();
    },
  };
}

describe.each([
  ['web chat', webDriver],
  ['Telegram', telegramDriver],
  ['Zalo', zaloDriver],
])('channel contract: %s', (_name, make) => {
  let d: Driver;
  beforeAll(async () => {
    d = await make();
  });
  afterAll(async () => d.close());

  it('answers text with replies', async () => {
    const replies = await d.say('bhxh tu nguyen la gi');
    expect(replies.join('\n')).toContain('từ đủ 15 tuổi');
  });

  it('renders buttons and takes a choice the channel’s way', async () => {
    const replies = await d.choose('Menu chính');
    expect(replies.join('\n')).toContain('Bạn muốn hỏi về chủ đề nào');
    const topic = await d.choose('Lương hưu');
    expect(topic.join('\n')).toContain('Câu hỏi thường gặp về Lương hưu');
  });

  it('keeps every part within the platform limit', async () => {
    const replies = [...(await d.say('trợ giúp')), ...(await d.say('bhyt hộ gia đình đóng bao nhiêu'))];
    expect(replies.length).toBeGreaterThan(0);
    if (d.limit) for (const r of replies) expect(r.length).toBeLessThanOrEqual(d.limit);
  });

  it('contains delivery errors: the next message is still answered', async () => {
    d.breakDelivery();
    await d.say('tuổi nghỉ hưu năm 2026');
    const after = await d.say('so tong dai bhxh');
    expect(after.join('\n')).toContain('1900 9068');
  });
});
