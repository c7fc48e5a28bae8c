/**
 * Issue 15 items 4, 7 and 8, as attacks on the outbox: a platform outage longer than the send queue's quick
 * retries, a platform that hangs while updates keep coming, a reply that never gets through, and a wall clock
 * stepped back while a reply waits for its retry.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createRateLimiter } from '../../src/channels/shared/rate-limiter.js';
import { telegramChannelFor } from '../helpers/channels.js';
import { startFakeTelegram, waitFor } from '../helpers/fake-platforms.js';
import { ROOT, tempDir, testClock } from '../helpers/test-server.js';

const TOKEN = '1234567:outage-test-token-abcdefgh';
const QUESTIONS = ['bhxh tu nguyen la gi', 'muc dong bhyt hoc sinh', 'tro cap that nghiep bao nhieu', 'rut bhxh 1 lan can gi', 'dong bhxh tu nguyen o dau', 'thai san duoc nghi may thang'];
const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

function appAt(clock = testClock()): App {
  const app = createApp(loadConfig({ DATA_DIR: tempDir(), KNOWLEDGE_DIR: join(ROOT, 'knowledge'), FLOWS_DIR: join(ROOT, 'flows') }), clock.now);
  closers.push(() => app.close());
  return app;
}
const rows = (app: App, table = 'outbox') => (app.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
let nextUpdate = 900_000;
const update = (chat: number, text: string) => ({
  update_id: nextUpdate++,
  message: { message_id: nextUpdate, from: { id: chat, is_bot: false, first_name: 'Lan' }, chat: { id: chat, type: 'private' }, date: 1764040000, text },
});
/** What the outbox holds for a chat, oldest first: the order the chat must read its replies in. */
const expectedTexts = (app: App, chat: number) =>
  app.outbox
    .due('telegram', app.clock(), 3_600_000, 10_000)
    .filter((r) => r.chat === String(chat))
    .map((r) => (r.message as { text: string }).text);
const textsTo = (fake: Awaited<ReturnType<typeof startFakeTelegram>>, chat: number) =>
  fake.messages().filter((m) => m.body.chat_id === chat).map((m) => String(m.body.text));

describe('the outbox keeps every reply through platform trouble', () => {
  it('delivers every reply, in order, through an outage longer than the quick retries (the old queue dropped them after 5 tries)', async () => {
    const app = appAt();
    const fake = await startFakeTelegram(TOKEN);
    closers.push(() => fake.close());
    // 40 failed sends in a row: 13 rounds of the queue's 3 quick tries.
    fake.faults.push(...Array.from({ length: 40 }, () => ({ method: 'sendMessage', status: 502 })));
    const channel = telegramChannelFor(app, TOKEN, fake.url, { queue: { baseDelayMs: 1 }, outbox: { firstRetryMs: 5, maxRetryMs: 40 } });
    closers.push(() => channel.queues.outbox.stop());
    for (const text of QUESTIONS.slice(0, 3)) expect(channel.handleUpdate(update(111, text))).toBe('handled');
    expect(channel.handleUpdate(update(222, QUESTIONS[3]!))).toBe('handled');
    const want = { 111: expectedTexts(app, 111), 222: expectedTexts(app, 222) };
    expect(want[111].length).toBeGreaterThanOrEqual(3);
    await waitFor(() => rows(app) === 0, 15_000);
    expect(textsTo(fake, 111)).toEqual(want[111]);
    expect(textsTo(fake, 222)).toEqual(want[222]);
    expect(rows(app, 'outbox_dead')).toBe(0);
  });

  it('keeps memory bounded while the platform hangs (replies wait in the outbox), then sends them all in order', async () => {
    const app = appAt();
    const fake = await startFakeTelegram(TOKEN);
    closers.push(() => fake.close());
    // The outbox is scanned only when the test says so, to place a new reply between two scans.
    const channel = telegramChannelFor(app, TOKEN, fake.url, { perMinute: 100_000, queue: { maxPending: 40 }, outbox: { maxQueued: 10, maxPerChat: 2, scanEveryMs: 3_600_000 } });
    closers.push(() => channel.queues.outbox.stop());
    fake.hang();
    for (let i = 0; i < 30; i++) channel.handleUpdate(update(333, QUESTIONS[i % QUESTIONS.length]!));
    for (let chat = 1; chat <= 60; chat++) channel.handleUpdate(update(10_000 + chat, QUESTIONS[chat % QUESTIONS.length]!));
    await waitFor(() => fake.hanging() > 0);
    expect(rows(app)).toBeGreaterThanOrEqual(90);
    // In memory: at most the queue's bound (10 replies, plus best-effort "typing" sends up to 40 in all).
    expect(channel.queues.sendQueue.pending()).toBeLessThanOrEqual(40);
    fake.unhang();
    // The two replies of chat 333 that were in memory go out; a new message then must not overtake the 28
    // replies of that chat still waiting in the outbox.
    await waitFor(() => textsTo(fake, 333).length === 2 && channel.queues.sendQueue.pending() === 0);
    channel.handleUpdate(update(333, 'cam on, cho hoi them bhyt ho gia dinh'));
    const want = [...textsTo(fake, 333), ...expectedTexts(app, 333)];
    const stored = fake.messages().length + rows(app);
    await waitFor(() => {
      channel.queues.outbox.scan();
      return rows(app) === 0;
    }, 20_000);
    expect(fake.messages()).toHaveLength(stored);
    expect(textsTo(fake, 333)).toEqual(want);
  });

  it('gives a reply up only after its deadline and enough tries, into the dead letters, never silently', async () => {
    const app = appAt();
    const fake = await startFakeTelegram(TOKEN);
    closers.push(() => fake.close());
    fake.faults.push(...Array.from({ length: 10_000 }, () => ({ method: 'sendMessage', status: 500 })));
    const channel = telegramChannelFor(app, TOKEN, fake.url, { queue: { baseDelayMs: 1 }, outbox: { firstRetryMs: 5, maxRetryMs: 10, minAttempts: 4, deadlineMs: { telegram: 30 } } });
    closers.push(() => channel.queues.outbox.stop());
    expect(channel.handleUpdate(update(444, QUESTIONS[0]!))).toBe('handled');
    const stored = rows(app);
    await waitFor(() => rows(app) === 0, 10_000);
    expect(rows(app, 'outbox_dead')).toBe(stored);
    const [dead] = app.outbox.deadLetters();
    expect(dead).toMatchObject({ channel: 'telegram', count: stored });
    expect(dead!.reason).toMatch(/^gave up after \d+ attempts: telegram sendMessage failed \(500\)/);
    const attempts = (app.db.prepare('SELECT MIN(attempts) AS n FROM outbox_dead').get() as { n: number }).n;
    expect(attempts).toBeGreaterThanOrEqual(4);
    // The dead letter names the chat only sealed, and never the token.
    const raw = JSON.stringify(app.db.prepare('SELECT * FROM outbox_dead').all());
    expect(raw).not.toContain('444');
    expect(raw).not.toContain(TOKEN);
  });

  it('sends a waiting reply at once when the wall clock steps back an hour, instead of holding the chat for that hour', async () => {
    const clock = testClock();
    const app = appAt(clock);
    const fake = await startFakeTelegram(TOKEN);
    closers.push(() => fake.close());
    fake.faults.push(...Array.from({ length: 3 }, () => ({ method: 'sendMessage', status: 502 }))); // one round of quick tries
    const channel = telegramChannelFor(app, TOKEN, fake.url, { queue: { baseDelayMs: 1 }, outbox: { firstRetryMs: 600_000, maxRetryMs: 600_000 } });
    closers.push(() => channel.queues.outbox.stop());
    expect(channel.handleUpdate(update(555, QUESTIONS[1]!))).toBe('handled');
    await waitFor(() => (app.db.prepare('SELECT MAX(attempts) AS n FROM outbox').get() as { n: number }).n === 1);
    channel.queues.outbox.scan();
    expect(fake.messages()).toHaveLength(0); // waits its 10 minutes
    clock.advance(-3_600_000);
    channel.queues.outbox.scan();
    await waitFor(() => rows(app) === 0);
    expect(fake.messages().length).toBeGreaterThan(0);
  });

  it('the flood guard measures time on the monotonic clock: a wall clock stepped back does not silence active users', () => {
    let t = 1_000_000;
    const limiter = createRateLimiter({ perMinute: 20, burst: 5, now: () => t });
    for (let i = 0; i < 4; i++) expect(limiter.check('telegram:1')).toBe('allowed');
    t -= 3_600_000; // as a monotonic source never does, and as the wall clock does after an NTP step
    expect(limiter.check('telegram:1')).toBe('allowed');
    t += 60_000;
    for (let i = 0; i < 5; i++) expect(limiter.check('telegram:1')).toBe('allowed');
  });
});
