import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, DATABASE_FILE, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { telegramChannelFor, zaloChannelFor } from '../helpers/channels.js';
import { startFakeTelegram, startFakeZalo, waitFor } from '../helpers/fake-platforms.js';
import { ROOT, tempDir, testClock } from '../helpers/test-server.js';

const TOKEN = '1234567:outbox-test-token-abcdefgh';
const fixture = (name: string) => JSON.parse(readFileSync(join(ROOT, 'test/fixtures', name), 'utf8'));
const appOn = (dataDir: string) => createApp(loadConfig({ DATA_DIR: dataDir, KNOWLEDGE_DIR: join(ROOT, 'knowledge'), FLOWS_DIR: join(ROOT, 'flows') }), testClock().now);
const outboxRows = (app: App) => (app.db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n;

const telegramOn = (app: App, apiRoot: string, maxAttempts = 3) => telegramChannelFor(app, TOKEN, apiRoot, { queue: { baseDelayMs: 1, maxAttempts } });

const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

describe('outbox: a handled update never loses its reply', () => {
  it('sends, after a restart, the replies a crash kept from going out, and clears them', async () => {
    const dataDir = tempDir();
    const update = fixture('telegram-text-update.json');
    const chatId = String(update.message.chat.id);

    // The turn commits with its replies in the outbox, then the process dies before sending them: the
    // platform is unreachable (nothing listens on its port), and the app is closed without draining.
    const before = appOn(dataDir);
    const dead = await startFakeTelegram(TOKEN);
    await dead.close();
    const crashed = telegramOn(before, dead.url, 1);
    expect(crashed.handleUpdate(update)).toBe('handled');
    expect(crashed.handleUpdate(update)).toBe('duplicate');
    const stored = outboxRows(before);
    expect(stored).toBeGreaterThanOrEqual(1);
    // The rows name the chat only sealed.
    const bytes = [DATABASE_FILE, `${DATABASE_FILE}-wal`].map((f) => readFileSync(join(dataDir, f)).toString('latin1')).join('');
    expect(bytes).not.toContain(chatId);
    before.db.close(); // as after kill -9: nothing drained

    // Restart: the same update redelivered is a duplicate, and the reply goes out once, from the outbox.
    const after = appOn(dataDir);
    closers.push(() => after.close());
    const fake = await startFakeTelegram(TOKEN);
    closers.push(() => fake.close());
    const channel = telegramOn(after, fake.url);
    expect(channel.handleUpdate(update)).toBe('duplicate');
    expect(channel.resume()).toBe(stored);
    await waitFor(() => fake.messages().length === stored);
    expect(fake.messages().every((m) => String(m.body.chat_id) === chatId)).toBe(true);
    expect(fake.messages().map((m) => String(m.body.text)).join('\n')).toContain('từ đủ 15 tuổi');
    await waitFor(() => outboxRows(after) === 0);
  });

  it('moves a reply the platform refuses for good (403: the user blocked the bot) to the dead letters instead of retrying it forever', async () => {
    const app = appOn(tempDir());
    closers.push(() => app.close());
    const fake = await startFakeZalo(TOKEN);
    closers.push(() => fake.close());
    fake.faults.push(...Array.from({ length: 5 }, () => ({ method: 'sendMessage', status: 403 })));
    const channel = zaloChannelFor(app, TOKEN, fake.url, { queue: { baseDelayMs: 1 } });
    const event = fixture('zalo-text-event.json');
    expect(channel.handleEvent(event.result ?? event)).toBe('handled');
    const stored = outboxRows(app);
    await waitFor(() => outboxRows(app) === 0);
    expect(fake.texts()).toHaveLength(0);
    const dead = app.outbox.deadLetters();
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ channel: 'zalo', count: stored });
    expect(dead[0]!.reason).toMatch(/^refused: .*403/);
    expect(channel.resume()).toBe(0);
  });

  it('does not open rows sealed under another secret (a copied database), and drops them', async () => {
    const dataDir = tempDir();
    const first = createApp(loadConfig({ DATA_DIR: dataDir, KNOWLEDGE_DIR: join(ROOT, 'knowledge'), USER_KEY_SECRET: 'a'.repeat(40) }), testClock().now);
    first.handleUpdate('telegram', '1', '42', { text: 'xin chào' }, () => [{ chat: '42', message: { text: 'hi' } }]);
    first.close();
    const second = createApp(loadConfig({ DATA_DIR: dataDir, KNOWLEDGE_DIR: join(ROOT, 'knowledge'), USER_KEY_SECRET: 'b'.repeat(40) }), testClock().now);
    closers.push(() => second.close());
    expect(second.outbox.due('telegram', second.clock(), 60_000, 10)).toEqual([]);
    expect(outboxRows(second)).toBe(0);
  });
});
