import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { DEDUPE_KEEP_NEWEST } from '../../src/storage/sqlite/retention.js';
import { loadConfig } from '../../src/config/config.js';
import { ROOT, tempDir } from '../helpers/test-server.js';

const DAY = 86_400_000;

describe('retention', () => {
  it('deletes idle state, questions and staff requests older than RETENTION_DAYS (handled or not) and old update ids, and keeps the rest and every unsent reply', () => {
    let now = Date.parse('2026-11-01T03:00:00Z');
    const config = loadConfig({ DATA_DIR: tempDir(), KNOWLEDGE_DIR: join(ROOT, 'knowledge'), RETENTION_DAYS: '30', DEDUPE_HOURS: '48' });
    const app = createApp(config, () => now);
    const count = (table: string) => (app.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

    // Day 0: an old conversation, two unanswered questions (one later dismissed), two staff requests.
    app.handle('web', 'old-user', { text: 'giá vàng hôm nay' });
    app.handle('web', 'old-user-2', { text: 'thời tiết Bắc Kạn mai thế nào' });
    expect(app.handleUpdate('telegram', '1001', '42', { text: 'bhxh tu nguyen la gi' }, () => [{ chat: '42', message: { text: 'x' } }])).toHaveLength(1);
    app.staffQueue.add({ question: 'hỏi cán bộ 1', contact: '[SĐT]', channel: 'web', at: now });
    app.staffQueue.add({ question: 'hỏi cán bộ 2', contact: null, channel: 'web', at: now });
    const [first] = app.unanswered.list('new');
    app.unanswered.resolve([first!.id], 'dismissed', 'spam', now);
    const [request] = app.staffQueue.list('new');
    app.staffQueue.setStatus(request!.id, 'answered', now);

    // Day 3: the update id is older than 48 h but among the newest DEDUPE_KEEP_NEWEST: kept; the reply that
    // was never sent stays in the outbox (only the sender gives a reply up, into the dead letters).
    now += 3 * DAY;
    app.handle('web', 'new-user', { text: 'bhxh tu nguyen la gi' });
    app.handle('web', 'new-user', { text: 'giá xăng tuần này' });
    app.staffQueue.add({ question: 'hỏi cán bộ 3', contact: null, channel: 'web', at: now });
    expect(app.purgeExpired()).toEqual({ sessions: 0, unanswered: 0, staffRequests: 0, updates: 0, deadLetters: 0 });
    expect(count('outbox')).toBe(1);
    // Once DEDUPE_KEEP_NEWEST newer updates were handled, the day-0 id goes.
    const claim = app.db.prepare("INSERT INTO processed_updates (channel, update_key, created_at) VALUES ('telegram', ?, ?)");
    app.db.transaction(() => {
      for (let i = 0; i < DEDUPE_KEEP_NEWEST; i++) claim.run(`u${i}`, now);
    })();
    expect(app.purgeExpired()).toMatchObject({ updates: 1 });

    // Day 31: the day-0 state, questions and requests are older than 30 days, waiting for staff or not.
    now += 28 * DAY;
    // (The two newcomers whose questions fell back left no conversation state at all.)
    expect(app.purgeExpired()).toEqual({ sessions: 1, unanswered: 2, staffRequests: 2, updates: 0, deadLetters: 0 });
    expect(count('sessions')).toBe(1); // new-user's, touched on day 3
    expect(app.unanswered.list('new').map((q) => q.text)).toEqual(['giá xăng tuần này']); // day 3: kept
    expect(app.staffQueue.list('new').map((r) => r.question)).toEqual(['hỏi cán bộ 3']);
    expect(count('staff_requests')).toBe(1);
    expect(app.purgeExpired()).toEqual({ sessions: 0, unanswered: 0, staffRequests: 0, updates: 0, deadLetters: 0 });
    expect(count('outbox')).toBe(1);
    app.close();
  });

  it('a wall clock stepped forward by days neither lets a redelivered update in twice nor purges unsent replies', () => {
    let now = Date.parse('2026-11-01T03:00:00Z');
    const app = createApp(loadConfig({ DATA_DIR: tempDir(), KNOWLEDGE_DIR: join(ROOT, 'knowledge') }), () => now);
    const reply = () => [{ chat: '42', message: { text: 'x' } }];
    expect(app.handleUpdate('telegram', '5001', '42', { text: 'bhxh tu nguyen la gi' }, reply)).toHaveLength(1);
    now += 5 * DAY; // NTP corrects a clock that was days behind
    app.purgeExpired();
    expect(app.handleUpdate('telegram', '5001', '42', { text: 'bhxh tu nguyen la gi' }, reply)).toBeNull();
    expect(app.updateSeen('telegram', '5001')).toBe(true);
    expect((app.db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n).toBe(1);
    app.close();
  });

  it('refuses a retention shorter than Telegram’s redelivery window', () => {
    expect(() => loadConfig({ DEDUPE_HOURS: '12' })).toThrow(/DEDUPE_HOURS.*at least 24/);
    expect(() => loadConfig({ RETENTION_DAYS: '0' })).toThrow(/RETENTION_DAYS/);
  });
});
