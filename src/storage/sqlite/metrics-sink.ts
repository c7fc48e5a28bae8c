/** Anonymous engagement counters: one row per day, channel, metric and key, incremented. */
import type { MetricEvent, MetricsSink } from '../../core/types.js';
import { guard } from '../storage-error.js';
import type { Db } from './database.js';

export interface MetricRow extends MetricEvent {
  count: number;
}

export function createSqliteMetricsSink(db: Db): MetricsSink & { rows(fromDay: string, toDay: string): MetricRow[] } {
  const bump = db.prepare(
    'INSERT INTO metrics_daily (day, channel, metric, key, count) VALUES (@day, @channel, @metric, @key, 1) ON CONFLICT (day, channel, metric, key) DO UPDATE SET count = count + 1',
  );
  const select = db.prepare<[string, string], MetricRow>(
    'SELECT day, channel, metric, key, count FROM metrics_daily WHERE day BETWEEN ? AND ? ORDER BY day, channel, metric, key',
  );
  return {
    record(events) {
      if (events.length === 0) return;
      guard('recording metrics', () => {
        for (const e of events) bump.run(e);
      });
    },
    rows(fromDay, toDay) {
      return guard('reading metrics', () => select.all(fromDay, toDay));
    },
  };
}
