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
  /** The rows of some metrics only, per day. */
  series(fromDay: string, toDay: string, metrics: readonly string[]): MetricRow[];
  /** Each metric and key summed over the days (all channels). */
  totals(fromDay: string, toDay: string): { metric: string; key: string; count: number }[];
  /** One metric and key summed over the days. */
  count(fromDay: string, toDay: string, metric: string, key: string): number;
}

export function createSqliteMetricsSink(db: Db): SqliteMetrics {
  const bump = db.prepare(
    'INSERT INTO metrics_daily (day, channel, metric, key, count) VALUES (@day, @channel, @metric, @key, @count) ON CONFLICT (day, channel, metric, key) DO UPDATE SET count = count + excluded.count',
  );
  const select = db.prepare<[string, string], MetricRow>(
    'SELECT day, channel, metric, key, count FROM metrics_daily WHERE day BETWEEN ? AND ? ORDER BY day, channel, metric, key',
  );
  const series = db.prepare<[string, string, string], MetricRow>(
    'SELECT day, channel, metric, key, count FROM metrics_daily WHERE day BETWEEN ? AND ? AND metric = ?',
  );
  const totals = db.prepare<[string, string], { metric: string; key: string; count: number }>(
    'SELECT metric, key, SUM(count) AS count FROM metrics_daily WHERE day BETWEEN ? AND ? GROUP BY metric, key',
  );
  const count = db.prepare<[string, string, string, string], { n: number | null }>(
    'SELECT SUM(count) AS n FROM metrics_daily WHERE metric = ? AND key = ? AND day BETWEEN ? AND ?',
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
    series(fromDay, toDay, metrics) {
      return guard('reading metrics', () => metrics.flatMap((m) => series.all(fromDay, toDay, m)));
    },
    totals(fromDay, toDay) {
      return guard('reading metrics', () => totals.all(fromDay, toDay));
    },
    count(fromDay, toDay, metric, key) {
      return guard('reading metrics', () => count.get(metric, key, fromDay, toDay)!.n ?? 0);
    },
  };
}
