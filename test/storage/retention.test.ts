import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { ROOT, tempDir } from '../helpers/test-server.js';

const DAY = 86_400_000;

describe('retention', () => {
  it('deletes idle state, resolved questions, finished staff requests, old update ids and unsent replies, and keeps the rest', () => {
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

    // Day 3: update ids older than 48 h go, nothing else.
    now += 3 * DAY;
    app.handle('web', 'new-user', { text: 'bhxh tu nguyen la gi' });
    expect(app.purgeExpired()).toEqual({ sessions: 0, unanswered: 0, staffRequests: 0, updates: 1, outbox: 1 });

    // Day 31: the day-0 state and what was resolved on day 0 are older than 30 days.
    now += 28 * DAY;
    expect(app.purgeExpired()).toEqual({ sessions: 3, unanswered: 1, staffRequests: 1, updates: 0, outbox: 0 });
    expect(count('sessions')).toBe(1); // new-user's, touched on day 3
    expect(app.unanswered.list('new')).toHaveLength(1); // still waiting for staff: kept
    expect(app.staffQueue.list('new')).toHaveLength(1);
    expect(count('staff_requests')).toBe(1);
    expect(app.purgeExpired()).toEqual({ sessions: 0, unanswered: 0, staffRequests: 0, updates: 0, outbox: 0 });
    app.close();
  });

  it('refuses a retention shorter than Telegram’s redelivery window', () => {
    expect(() => loadConfig({ DEDUPE_HOURS: '12' })).toThrow(/DEDUPE_HOURS.*at least 24/);
    expect(() => loadConfig({ RETENTION_DAYS: '0' })).toThrow(/RETENTION_DAYS/);
  });
});
