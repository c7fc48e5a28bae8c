import { join } from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createPlatforms } from '../../src/channels/platforms.js';
import { loadConfig } from '../../src/config/config.js';
import { startFakeTelegram, startFakeZalo, waitFor } from '../helpers/fake-platforms.js';
import { ROOT, tempDir, testClock } from '../helpers/test-server.js';

const ZALO_TOKEN = '1234567:platforms-zalo-token';
const TG_TOKEN = '7654321:platforms-telegram-token-abcdefgh';
const log = { info: () => {}, warn: () => {}, error: () => {} };
const base = { KNOWLEDGE_DIR: join(ROOT, 'knowledge'), FLOWS_DIR: join(ROOT, 'flows') };

describe('platforms switched on by configuration', () => {
  it('with no token, no platform runs', async () => {
    const config = loadConfig({ ...base, DATA_DIR: tempDir() });
    const p = createPlatforms(config, createApp(config, testClock().now), log);
    expect(p.telegram).toBeUndefined();
    expect(p.zalo).toBeUndefined();
    await p.start();
    await p.stop();
  });

  it('Zalo by long polling: a user gets an FAQ answer and completes a flow', async () => {
    const fake = await startFakeZalo(ZALO_TOKEN);
    const config = loadConfig({ ...base, DATA_DIR: tempDir(), ZALO_BOT_TOKEN: ZALO_TOKEN, ZALO_API_ROOT: fake.url });
    const app = createApp(config, testClock().now);
    const p = createPlatforms(config, app, log);
    await p.start();
    const event = (text: string, id: string) => ({ event_name: 'message.text.received', message: { from: { id: 'pz' }, chat: { id: 'pz' }, text, message_id: id } });
    fake.events.push(event('rút bhxh 1 lần có thiệt không', 'a1'));
    await waitFor(() => fake.texts().some((t) => t.includes('thời gian đã đóng bị xóa')));
    for (const [text, id] of [['tính lương hưu', 'b1'], ['1', 'b2'], ['1970', 'b3'], ['6', 'b3m'], ['20', 'b4'], ['5', 'b5'], ['7 triệu', 'b6']]) {
      const before = fake.texts().length;
      fake.events.push(event(text!, id!));
      await waitFor(() => fake.texts().length > before);
    }
    await waitFor(() => fake.texts().some((t) => t.includes('ƯỚC TÍNH') && t.includes('65%')));
    await p.stop();
    app.close();
    await fake.close();
  });

  it('webhook mode registers the webhooks with both platforms and serves the routes', async () => {
    const zalo = await startFakeZalo(ZALO_TOKEN);
    const telegram = await startFakeTelegram(TG_TOKEN);
    const config = loadConfig({
      ...base,
      DATA_DIR: tempDir(),
      PUBLIC_URL: 'https://bot.example.vn',
      ZALO_BOT_TOKEN: ZALO_TOKEN,
      ZALO_API_ROOT: zalo.url,
      ZALO_WEBHOOK_SECRET: 'zalo-secret-for-test',
      TELEGRAM_BOT_TOKEN: TG_TOKEN,
      TELEGRAM_API_ROOT: telegram.url,
      TELEGRAM_WEBHOOK_SECRET: 'tg_secret_for_test_1',
    });
    const app = createApp(config, testClock().now);
    const p = createPlatforms(config, app, log);
    const server = Fastify();
    p.register(server);
    await p.start();
    expect(zalo.webhook()).toBe('https://bot.example.vn/webhooks/zalo');
    const setWebhook = telegram.sent.find((s) => s.method === 'setWebhook')!;
    expect(setWebhook.body).toMatchObject({ url: 'https://bot.example.vn/webhooks/telegram', secret_token: 'tg_secret_for_test_1' });
    expect(telegram.sent.some((s) => s.method === 'setMyCommands')).toBe(true);
    const res = await server.inject({
      method: 'POST',
      url: '/webhooks/telegram',
      headers: { 'x-telegram-bot-api-secret-token': 'tg_secret_for_test_1' },
      payload: { update_id: 1, message: { message_id: 1, from: { id: 9 }, chat: { id: 9 }, text: 'so tong dai bhxh' } },
    });
    expect(res.statusCode).toBe(200);
    await waitFor(() => telegram.messages().some((m) => String(m.body.text).includes('1900 9068')));
    await p.stop();
    app.close();
    await zalo.close();
    await telegram.close();
  });

  it('webhook mode without a secret stops start-up naming the variable', () => {
    expect(() => loadConfig({ ...base, PUBLIC_URL: 'https://bot.example.vn', ZALO_BOT_TOKEN: ZALO_TOKEN })).toThrow(/ZALO_WEBHOOK_SECRET/);
    expect(() => loadConfig({ ...base, PUBLIC_URL: 'http://bot.example.vn' })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ ...base, TELEGRAM_BOT_TOKEN: 'not-a-token' })).toThrow(/TELEGRAM_BOT_TOKEN/);
  });
});
