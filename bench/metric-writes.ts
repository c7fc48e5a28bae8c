/**
 * Metric writes per second on a real SQLite file (WAL, as the app opens it): one autocommitted upsert per
 * event, against the app's batching (events added up in memory, one transaction per flush).
 */
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createMetricsBuffer } from '../src/storage/metrics-buffer.js';
import { openDatabase } from '../src/storage/sqlite/database.js';
import { createSqliteMetricsSink } from '../src/storage/sqlite/metrics-sink.js';
import type { MetricEvent } from '../src/core/types.js';

/** Events shaped like a day of traffic: a few channels, metrics and a long tail of keys. */
function events(n: number): MetricEvent[] {
  const channels = ['web', 'telegram', 'zalo'] as const;
  return Array.from({ length: n }, (_, i) => ({
    day: `2026-11-${String(20 + (i % 5)).padStart(2, '0')}`,
    channel: channels[i % 3]!,
    metric: ['message', 'entry', 'topic', 'flow-step'][i % 4]!,
    key: `key-${(i * 7919) % 300}`,
  }));
}

export function measureMetricWrites(n = 20_000, flushEvery = 1_000): { perEvent: number; batched: number } {
  const list = events(n);
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'bhxh-metrics-')), 'm.sqlite'));
  const sink = createSqliteMetricsSink(db);
  let t0 = performance.now();
  for (const e of list) sink.record([e]);
  const perEvent = n / ((performance.now() - t0) / 1000);
  const buffer = createMetricsBuffer(sink, { flushMs: 3_600_000 });
  t0 = performance.now();
  list.forEach((e, i) => {
    buffer.record([e]);
    if ((i + 1) % flushEvery === 0) buffer.flush();
  });
  buffer.close();
  const batched = n / ((performance.now() - t0) / 1000);
  db.close();
  return { perEvent, batched };
}
