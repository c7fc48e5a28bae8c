/**
 * Anonymous engagement counters: one row per day, channel, metric and key. Two ways to write them: per event
 * (one upsert each) and in batches (counts added up in memory and written in one transaction), which is what
 * the app uses; see storage/metrics-buffer.ts.
 */
import type { MetricEvent, MetricsSink } from '../../core/types.js';
import { guard } from '../storage-error.js';
import type { Db } from './database.js';

export interface MetricRow extends MetricEvent {
  count: number;
}

export interface SqliteMetrics extends MetricsSink {
  /** Adds counted rows in one transaction. */
  add(rows: readonly MetricRow[]): void;
  rows(fromDay: string, toDay: string): MetricRow[];
}

export function createSqliteMetricsSink(db: Db): SqliteMetrics {
  const bump = db.prepare(
    'INSERT INTO metrics_daily (day, channel, metric, key, count) VALUES (@day, @channel, @metric, @key, @count) ON CONFLICT (day, channel, metric, key) DO UPDATE SET count = count + excluded.count',
  );
  const select = db.prepare<[string, string], MetricRow>(
    'SELECT day, channel, metric, key, count FROM metrics_daily WHERE day BETWEEN ? AND ? ORDER BY day, channel, metric, key',
  );
  const addAll = db.transaction((rows: readonly MetricRow[]) => {
    for (const r of rows) bump.run(r);
  });
  return {
    record(events) {
      if (events.length === 0) return;
      guard('recording metrics', () => {
        for (const e of events) bump.run({ ...e, count: 1 });
      });
    },
    add(rows) {
      if (rows.length === 0) return;
      guard('recording metrics', () => addAll(rows));
    },
    rows(fromDay, toDay) {
      return guard('reading metrics', () => select.all(fromDay, toDay));
    },
  };
}
