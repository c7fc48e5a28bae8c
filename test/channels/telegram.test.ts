import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import TelegramServerModule from 'telegram-test-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import type { TelegramChannel } from '../../src/channels/telegram/adapter.js';
import { renderForTelegram } from '../../src/channels/telegram/render.js';
import { registerTelegramWebhook } from '../../src/channels/telegram/webhook.js';
import { loadConfig } from '../../src/config/config.js';
import { StorageError } from '../../src/storage/storage-error.js';
import { telegramChannelFor } from '../helpers/channels.js';
import { startFakeTelegram, waitFor } from '../helpers/fake-platforms.js';
import { ROOT, tempDir, testClock } from '../helpers/test-server.js';

// telegram-test-api is CommonJS with a default-export d.ts.
const TelegramServer = ((TelegramServerModule as unknown as { default?: unknown }).default ?? TelegramServerModule) as new (o: { port: number; host: string }) => {
  start(): Promise<void>;
  stop(): Promise<void>;
  config: { apiURL: string };
  getClient(token: string, o?: Record<string, unknown>): {
    makeMessage(text: string): unknown;
    makeCommand(text: string): unknown;
    makeCallbackQuery(data: string, o?: Record<string, unknown>): unknown;
    sendMessage(m: unknown): Promise<unknown>;
    sendCommand(m: unknown): Promise<unknown>;
    sendCallback(m: unknown): Promise<unknown>;
    getUpdates(): Promise<{ result: { message: { text: string; reply_markup?: { inline_keyboard: { text: string; callback_data: string }[][] } } }[] }>;
  };
};

const TOKEN = '1234567:telegram-test-token-abcdefghij';
const fixture = (name: string) => JSON.parse(readFileSync(join(ROOT, 'test/fixtures', name), 'utf8'));

let app: App;
beforeEach(() => {
  app = createApp(loadConfig({ DATA_DIR: tempDir(), KNOWLEDGE_DIR: join(ROOT, 'knowledge'), FLOWS_DIR: join(ROOT, 'flows') }), testClock().now);
});
afterEach(() => app.close());

const channelFor = (apiRoot: string, sleep?: (ms: number) => Promise<void>): TelegramChannel =>
  telegramChannelFor(app, TOKEN, apiRoot, { queue: sleep ? { sleep } : {} });

type TestServerT = InstanceType<typeof TelegramServer>;
type TestClient = ReturnType<TestServerT['getClient']>;
type Message = { text: string; chat_id?: number | string; reply_markup?: { inline_keyboard: { text: string; callback_data: string }[][] } };

async function inEnglish(server: TestServerT, client: TestClient) {
  // The bot's messages to this chat since the last look, up to the one that contains `needle` (a reply may come
  // as several messages), read from the emulator's store.
  const store = (server as unknown as { storage: { botMessages: { message: Message }[] } }).storage;
  let cursor = store.botMessages.length;
  const until = async (needle: string): Promise<Message[]> => {
    const seen: Message[] = [];
    await waitFor(() => {
      seen.push(...store.botMessages.slice(cursor).map((m) => m.message).filter((m) => String(m.chat_id) === '2002'));
      cursor = store.botMessages.length;
      return seen.some((m) => m.text.includes(needle));
    }, 20_000).catch((err) => {
      throw new Error(`${(err as Error).message} for "${needle}"; the bot sent: ${JSON.stringify(seen.map((m) => m.text.slice(0, 80)))}`);
    });
    return seen;
  };
  const button = (messages: Message[], label: string) => messages.flatMap((m) => m.reply_markup?.inline_keyboard.flat() ?? []).find((b) => b.text === label)!;
  await client.sendMessage(client.makeMessage('how much is voluntary soc ins per month?'));
  const answer = await until('22%');
  expect(answer.map((m) => m.text).join('\n')).not.toContain('Mức đóng');
  await client.sendMessage(client.makeMessage('calculate my contribution'));
  const group = await until('Which group are you in?');
  await client.sendCallback(client.makeCallbackQuery(button(group, 'Other').callback_data, { message: { message_id: 2 } }));
  await until('What monthly income');
  await client.sendMessage(client.makeMessage('3.5 million'));
  const schedule = await until('How often');
  await client.sendCallback(client.makeCallbackQuery(button(schedule, 'Monthly').callback_data, { message: { message_id: 3 } }));
  expect((await until('Legal basis')).map((m) => m.text).join('\n')).toContain('You pay: 704.000 đ/month');
}

describe('Telegram end to end against telegram-test-api (long polling)', () => {
  it('answers a question with an inline keyboard, and a button press with the next answer; in English for a person writing English', async () => {
    const server = new TelegramServer({ port: 0, host: '127.0.0.1' });
    await server.start();
    const channel = channelFor(server.config.apiURL.replace(/\/$/, ''));
    const polling = channel.startPolling();
    try {
      const client = server.getClient(TOKEN, { timeout: 8000 });
      await client.sendMessage(client.makeMessage('Đóng BHXH tự nguyện bao nhiêu một tháng?'));
      // The emulator's getUpdates returns what has arrived when it is called: on a busy machine, ask again.
      let answer: Message | undefined;
      for (let tries = 0; !answer && tries < 3; tries++) answer = (await client.getUpdates()).result.map((u) => u.message).find((m) => m.text.includes('22%'));
      expect(answer, 'no answer with 22% from the bot').toBeDefined();
      answer = answer!;
      expect(answer.text).toContain('<b>22%</b>');
      const keyboard = answer.reply_markup!.inline_keyboard.flat();
      expect(keyboard.map((b) => b.text)).toContain('Menu chính');
      for (const b of keyboard) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
      const calc = keyboard.find((b) => b.text === 'Tính tiền đóng BHXH tự nguyện')!;
      await client.sendCallback(client.makeCallbackQuery(calc.callback_data, { message: { message_id: 1 } }));
      const next = await client.getUpdates();
      expect(next.result.map((u) => u.message.text).join('\n')).toContain('Bạn thuộc nhóm nào');
      await client.sendCommand(client.makeCommand('/menu'));
      const menu = await client.getUpdates();
      expect(menu.result.map((u) => u.message.text).join('\n')).toContain('Bạn muốn hỏi về chủ đề nào');

      // Another person, writing in English: the answer and the whole calculator come in English, buttons and all.
      await inEnglish(server, server.getClient(TOKEN, { timeout: 8000, chatId: 2002, userId: 2002, firstName: 'Expat' }));
    } finally {
      await channel.stop();
      await polling;
      await server.stop();
    }
  }, 30_000);
});

describe('Telegram webhook and API faults (own fake)', () => {
  const SECRET = 'telegram_webhook_secret_123';
  let fake: Awaited<ReturnType<typeof startFakeTelegram>>;
  beforeEach(async () => {
    fake = await startFakeTelegram(TOKEN);
  });
  afterEach(async () => fake.close());

  async function server(channel: TelegramChannel) {
    const s = Fastify();
    s.setErrorHandler((err, _req, reply) => reply.code(err instanceof StorageError ? 503 : 500).send({ ok: false }));
    registerTelegramWebhook(s, { secret: SECRET, channel });
    await s.ready();
    return s;
  }

  it('refuses a missing, wrong or doubled secret header with 401', async () => {
    const s = await server(channelFor(fake.url));
    for (const headers of [{}, { 'x-telegram-bot-api-secret-token': 'nope' }, { 'x-telegram-bot-api-secret-token': [SECRET, SECRET] }]) {
      const res = await s.inject({ method: 'POST', url: '/webhooks/telegram', payload: fixture('telegram-text-update.json'), headers: headers as Record<string, string> });
      expect(res.statusCode).toBe(401);
    }
    expect(fake.messages()).toHaveLength(0);
  });

  it('handles an update once however often it is delivered, and answers every callback query once', async () => {
    const s = await server(channelFor(fake.url));
    const headers = { 'x-telegram-bot-api-secret-token': SECRET };
    const first = await s.inject({ method: 'POST', url: '/webhooks/telegram', payload: fixture('telegram-text-update.json'), headers });
    expect(first.json()).toEqual({ ok: true, outcome: 'handled' });
    const results = await Promise.all(Array.from({ length: 10 }, () => s.inject({ method: 'POST', url: '/webhooks/telegram', payload: fixture('telegram-text-update.json'), headers })));
    expect(results.map((r) => r.json().outcome)).toEqual(Array(10).fill('duplicate'));
    await s.inject({ method: 'POST', url: '/webhooks/telegram', payload: fixture('telegram-callback-update.json'), headers });
    await s.inject({ method: 'POST', url: '/webhooks/telegram', payload: { ...fixture('telegram-callback-update.json'), update_id: 815623009, callback_query: { ...fixture('telegram-callback-update.json').callback_query, id: 'forged', data: 'x:<script>' } }, headers });
    await waitFor(() => fake.sent.filter((x) => x.method === 'answerCallbackQuery').length === 2);
    await waitFor(() => fake.messages().some((m) => String(m.body.text).includes('không còn dùng được')));
    // The callback delivered again (Telegram redelivers when the webhook answered late) is not answered twice.
    const again = await s.inject({ method: 'POST', url: '/webhooks/telegram', payload: fixture('telegram-callback-update.json'), headers });
    expect(again.json().outcome).toBe('duplicate');
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.sent.filter((x) => x.method === 'answerCallbackQuery')).toHaveLength(2);
    const answers = fake.messages().filter((m) => String(m.body.text).includes('từ đủ 15 tuổi'));
    expect(answers).toHaveLength(1);
  });

  it('gives non-text messages a polite "type your question" reply and rejects malformed updates', async () => {
    const s = await server(channelFor(fake.url));
    const headers = { 'x-telegram-bot-api-secret-token': SECRET };
    await s.inject({ method: 'POST', url: '/webhooks/telegram', payload: fixture('telegram-sticker-update.json'), headers });
    await waitFor(() => fake.messages().some((m) => String(m.body.text).includes('gõ câu hỏi bằng chữ')));
    for (const payload of [{ update_id: '1' }, { update_id: -1 }, { update_id: 1.5 }, { update_id: 2 ** 63 }, {}]) {
      expect((await s.inject({ method: 'POST', url: '/webhooks/telegram', payload, headers })).statusCode).toBe(400);
    }
    expect((await s.inject({ method: 'POST', url: '/webhooks/telegram', payload: { update_id: 7 }, headers })).json()).toEqual({ ok: true, outcome: 'ignored' });
  });

  it('waits retry_after on a 429 and retries 5xx, sending each message once', async () => {
    const waits: number[] = [];
    const channel = channelFor(fake.url, async (ms) => void waits.push(ms));
    fake.faults.push({ method: 'sendMessage', status: 429, retryAfter: 3 }, { method: 'sendMessage', status: 502 });
    const s = await server(channel);
    await s.inject({ method: 'POST', url: '/webhooks/telegram', payload: fixture('telegram-text-update.json'), headers: { 'x-telegram-bot-api-secret-token': SECRET } });
    await waitFor(() => fake.messages().filter((m) => String(m.body.text).includes('từ đủ 15 tuổi')).length === 1);
    expect(waits).toContain(3000);
    expect(waits.length).toBeGreaterThanOrEqual(2);
  });

  it('answers 503 when storage is down, so that Telegram retries', async () => {
    const s = await server(channelFor(fake.url));
    app.db.close();
    const res = await s.inject({ method: 'POST', url: '/webhooks/telegram', payload: fixture('telegram-text-update.json'), headers: { 'x-telegram-bot-api-secret-token': SECRET } });
    expect(res.statusCode).toBe(503);
  });
});

describe('Telegram rendering', () => {
  it('escapes HTML, keeps bold, splits under 4096 and puts buttons on the last part', () => {
    const parts = renderForTelegram({
      replies: [{ text: `<script>x</script> **đậm** ${'câu rất dài. '.repeat(700)}`, buttons: [{ label: 'Menu chính', payload: 'c:menu' }] }],
      outcome: { kind: 'command', command: 'x' },
    });
    expect(parts.length).toBeGreaterThan(1);
    expect(parts[0]!.text).toContain('&lt;script&gt;');
    expect(parts[0]!.text).toContain('<b>đậm</b>');
    for (const p of parts) expect(p.text.length).toBeLessThanOrEqual(4096);
    expect(parts.at(-1)!.reply_markup!.inline_keyboard).toEqual([[{ text: 'Menu chính', callback_data: 'c:menu' }]]);
    expect(parts[0]!.reply_markup).toBeUndefined();
  });
});
