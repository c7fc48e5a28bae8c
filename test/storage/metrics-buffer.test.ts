import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createMetricsBuffer } from '../../src/storage/metrics-buffer.js';
import { openDatabase } from '../../src/storage/sqlite/database.js';
import { createSqliteMetricsSink } from '../../src/storage/sqlite/metrics-sink.js';
import { startTestServer, tempDir, testClock, type TestServer } from '../helpers/test-server.js';

const day = '2026-11-25';
const ev = (key: string) => ({ day, channel: 'web' as const, metric: 'entry', key });

describe('batched engagement counts', () => {
  it('adds events up in memory and writes them in one go, the same figures as per-event writes', () => {
    const db = openDatabase(join(tempDir(), 'm.sqlite'));
    const buffer = createMetricsBuffer(createSqliteMetricsSink(db), { flushMs: 60_000 });
    buffer.record([ev('a'), ev('b'), ev('a')]);
    buffer.record([ev('a')]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM metrics_daily').get()).toEqual({ n: 0 });
    expect(buffer.rows(day, day).map((r) => [r.key, r.count])).toEqual([['a', 3], ['b', 1]]);
    buffer.record([ev('b')]);
    buffer.close();
    expect(createSqliteMetricsSink(db).rows(day, day).map((r) => [r.key, r.count])).toEqual([['a', 3], ['b', 2]]);
    db.close();
  });

  it('keeps the counts pending when the database refuses the write, and writes them later', () => {
    const file = join(tempDir(), 'm.sqlite');
    const db = openDatabase(file);
    const buffer = createMetricsBuffer(createSqliteMetricsSink(db), { flushMs: 60_000 });
    buffer.record([ev('a'), ev('a')]);
    const other = new Database(file);
    other.pragma('busy_timeout = 0');
    db.pragma('busy_timeout = 0');
    other.exec('BEGIN IMMEDIATE');
    expect(() => buffer.flush()).toThrow();
    expect(buffer.pending()).toBe(1);
    other.exec('ROLLBACK');
    other.close();
    buffer.record([ev('a')]);
    expect(buffer.rows(day, day).map((r) => r.count)).toEqual([3]);
    db.close();
  });
});

describe('engagement counts in the app', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('counts each answered message once, on the Vietnamese calendar day', async () => {
    // 17:30 UTC on 1 December is already 00:30 on 2 December in Vietnam.
    server = await startTestServer({}, testClock('2026-12-01T17:30:00Z').now);
    await server.chat({ user: 'u1', text: 'bhxh tu nguyen la gi' });
    await server.chat({ user: 'u2', text: 'bhxh tu nguyen la gi' });
    const rows = server.app.metrics.rows('2000-01-01', '2999-12-31');
    expect(rows.find((r) => r.metric === 'entry' && r.key === 'vol-what-is')?.count).toBe(2);
    expect(new Set(rows.map((r) => r.day))).toEqual(new Set(['2026-12-02']));
  });

  it('keeps no counts with METRICS=off', async () => {
    server = await startTestServer({ METRICS: 'off' });
    await server.chat({ user: 'u1', text: 'bhxh tu nguyen la gi' });
    expect(server.app.metrics.rows('2000-01-01', '2999-12-31')).toEqual([]);
  });
});
