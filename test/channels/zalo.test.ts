import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { renderForZalo, type ZaloChannel } from '../../src/channels/zalo/adapter.js';
import { createZaloClient, ZaloApiError } from '../../src/channels/zalo/client.js';
import { registerZaloWebhook } from '../../src/channels/zalo/webhook.js';
import { zaloChannelFor } from '../helpers/channels.js';
import { loadConfig } from '../../src/config/config.js';
import { StorageError } from '../../src/storage/storage-error.js';
import { startFakeZalo, waitFor } from '../helpers/fake-platforms.js';
import { ROOT, tempDir, TEST_START, testClock } from '../helpers/test-server.js';

const TOKEN = '1234567890:zalo-test-token-abcdef';
const fixture = (name: string) => JSON.parse(readFileSync(join(ROOT, 'test/fixtures', name), 'utf8'));
const textEvent = (text: string, messageId: string, userId = 'u-zalo-1') => ({
  event_name: 'message.text.received',
  message: { from: { id: userId, display_name: 'A', is_bot: false }, chat: { id: userId, chat_type: 'PRIVATE' }, text, message_id: messageId, date: Date.parse(TEST_START) },
});

let fake: Awaited<ReturnType<typeof startFakeZalo>>;
let app: App;
let channel: ZaloChannel;
const logs: string[] = [];

beforeEach(async () => {
  fake = await startFakeZalo(TOKEN);
  app = createApp(loadConfig({ DATA_DIR: tempDir(), KNOWLEDGE_DIR: join(ROOT, 'knowledge'), FLOWS_DIR: join(ROOT, 'flows') }), testClock().now);
  const log = { info: (m: string) => logs.push(m), warn: (m: string) => logs.push(m), error: (m: string) => logs.push(m) };
  channel = zaloChannelFor(app, TOKEN, fake.url, { log, sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 20))) });
});
afterEach(async () => {
  channel.stop();
  app.close();
  await fake.close();
});

describe('Zalo by long polling', () => {
  it('answers a question, offers numbered options, and takes "1" as the first option', async () => {
    const polling = channel.startPolling();
    fake.events.push(fixture('zalo-text-event.json').result);
    const first = await waitFor(() => fake.texts().find((t) => t.includes('từ đủ 15 tuổi')));
    expect(first).toMatch(/\n1\. .+\n2\. /);
    expect(first).toContain('Trả lời số 1');
    expect(first).not.toContain('**');
    const option1 = /\n1\. (.+)\n/.exec(first)![1]!;
    fake.events.push({ ...fixture('zalo-text-event.json').result, message: { ...fixture('zalo-text-event.json').result.message, text: '1', message_id: 'next-1' } });
    expect(option1).toBe('Hướng dẫn tham gia BHXH tự nguyện');
    await waitFor(() => fake.texts().some((t) => t.includes('Bạn bao nhiêu tuổi?')));
    channel.stop();
    await polling;
  });

  it('survives empty polls (408), a 500 and a 429, and handles a duplicate message id once', async () => {
    fake.faults.push({ method: 'getUpdates', status: 500 }, { method: 'sendMessage', status: 429 });
    const polling = channel.startPolling();
    fake.events.push(textEvent('tuổi nghỉ hưu năm 2026', 'dup-1'), textEvent('tuổi nghỉ hưu năm 2026', 'dup-1'));
    await waitFor(() => fake.texts().some((t) => t.includes('nam 61 tuổi 6 tháng')));
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.texts().filter((t) => t.includes('nam 61 tuổi 6 tháng'))).toHaveLength(1);
    channel.stop();
    await polling;
  });

  it('completes a flow by typed numbers and words', async () => {
    const polling = channel.startPolling();
    for (const [text, id] of [['tinh tien dong', 'f1'], ['2', 'f2'], ['1tr5', 'f3'], ['3 tháng một lần', 'f4']] as const) {
      const before = fake.texts().length;
      fake.events.push(textEvent(text, id));
      await waitFor(() => fake.texts().length > before);
    }
    await waitFor(() => fake.texts().some((t) => t.includes('Bạn tự đóng: 198.000 đ/tháng, tức 594.000 đ mỗi kỳ 3 tháng')));
    channel.stop();
    await polling;
  });
});

describe('Zalo webhook', () => {
  const SECRET = 'zalo-webhook-secret-123';
  async function server() {
    const s = Fastify();
    s.setErrorHandler((err, _req, reply) => reply.code(err instanceof StorageError ? 503 : 500).send({ ok: false }));
    registerZaloWebhook(s, { secret: SECRET, channel });
    await s.ready();
    return s;
  }

  it('checks the secret header and answers 403 on a wrong, missing or odd one', async () => {
    const s = await server();
    const body = fixture('zalo-text-event.json');
    for (const headers of [{}, { 'x-bot-api-secret-token': 'wrong' }, { 'x-bot-api-secret-token': 'ü'.repeat(600) }]) {
      const res = await s.inject({ method: 'POST', url: '/webhooks/zalo', payload: body, headers });
      expect(res.statusCode).toBe(403);
    }
    expect(fake.texts()).toHaveLength(0);
  });

  it('accepts both the wrapped and the flat body, answers 200 at once, and replies', async () => {
    const s = await server();
    const headers = { 'x-bot-api-secret-token': SECRET };
    const wrapped = await s.inject({ method: 'POST', url: '/webhooks/zalo', payload: fixture('zalo-text-event.json'), headers });
    expect(wrapped.json()).toEqual({ ok: true, outcome: 'handled' });
    const flat = await s.inject({ method: 'POST', url: '/webhooks/zalo', payload: fixture('zalo-image-event-flat.json'), headers });
    expect(flat.json()).toEqual({ ok: true, outcome: 'handled' });
    await waitFor(() => fake.texts().length >= 2);
    expect(fake.texts().some((t) => t.includes('gõ câu hỏi bằng chữ'))).toBe(true);
    const again = await s.inject({ method: 'POST', url: '/webhooks/zalo', payload: fixture('zalo-text-event.json'), headers });
    expect(again.json()).toEqual({ ok: true, outcome: 'duplicate' });
    const unsupported = await s.inject({ method: 'POST', url: '/webhooks/zalo', payload: fixture('zalo-unsupported-event.json'), headers });
    expect(unsupported.statusCode).toBe(200);
  });

  it('takes the same message id from two different people as two messages (ids are unique per sender only)', async () => {
    const s = await server();
    const headers = { 'x-bot-api-secret-token': SECRET };
    const event = fixture('zalo-text-event.json');
    const body = event.result ?? event;
    const from = (id: string) => ({ ...event, result: { ...body, message: { ...body.message, from: { ...body.message.from, id }, chat: { ...body.message.chat, id } } } });
    const outcomes = [];
    for (const sender of ['zalo-sender-aaaa1111', 'zalo-sender-bbbb2222', 'zalo-sender-aaaa1111']) {
      outcomes.push((await s.inject({ method: 'POST', url: '/webhooks/zalo', payload: from(sender), headers })).json().outcome);
    }
    expect(outcomes).toEqual(['handled', 'handled', 'duplicate']);
    await waitFor(() => fake.sent.filter((m) => m.method === 'sendMessage').map((m) => m.body.chat_id).filter((c, i, a) => a.indexOf(c) === i).length === 2);
  });

  it('rejects a malformed body with 400 and answers 503 when storage is down', async () => {
    const s = await server();
    const headers = { 'x-bot-api-secret-token': SECRET };
    for (const payload of [{}, { ok: true, result: {} }, { event_name: 'message.text.received', message: { from: {} } }]) {
      expect((await s.inject({ method: 'POST', url: '/webhooks/zalo', payload, headers })).statusCode).toBe(400);
    }
    app.db.close();
    const res = await s.inject({ method: 'POST', url: '/webhooks/zalo', payload: textEvent('menu', 'after-close'), headers });
    expect(res.statusCode).toBe(503);
  });
});

describe('Zalo client and rendering', () => {
  it('throws a typed error with the platform code and never the token', async () => {
    const client = createZaloClient({ token: 'wrong:token-value-123', apiRoot: fake.url });
    const err = await client.getMe().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZaloApiError);
    expect((err as ZaloApiError).errorCode).toBe(401);
    expect(String((err as Error).message) + JSON.stringify(err)).not.toContain('token-value');
    const down = await createZaloClient({ token: TOKEN, apiRoot: 'http://127.0.0.1:1' }).getMe().catch((e: unknown) => e);
    expect(down).toBeInstanceOf(ZaloApiError);
    expect(JSON.stringify(down) + String(down)).not.toContain(TOKEN);
  });

  it('sets and deletes the webhook', async () => {
    const client = createZaloClient({ token: TOKEN, apiRoot: fake.url });
    await client.setWebhook('https://bot.example.vn/webhooks/zalo', 'zalo-webhook-secret-123');
    expect((await client.getWebhookInfo()).url).toBe('https://bot.example.vn/webhooks/zalo');
    await client.deleteWebhook();
    expect((await client.getWebhookInfo()).url).toBe('');
  });

  it('splits long replies under 2000 characters', () => {
    const long = { replies: [{ text: `${'Đoạn văn dài. '.repeat(100)}\n\n${'Đoạn hai. '.repeat(200)}`, buttons: [{ label: 'Menu chính', payload: 'c:menu' }] }], outcome: { kind: 'command', command: 'x' } } as const;
    const parts = renderForZalo(long as never, app.i18n.t);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(2000);
    expect(parts.at(-1)).toContain('1. Menu chính');
  });
});
