/**
 * Batched engagement counters: events are added up in memory and written in one transaction every few
 * seconds, at shutdown, and before anyone reads the figures. One write per flush instead of one per event
 * keeps counting off the hot path (npm run bench measures both). A hard crash loses at most the counts of the
 * last interval; the counters are anonymous statistics, never the user's conversation state.
 */
import type { MetricEvent, MetricsSink } from '../core/types.js';
import type { MetricRow } from './sqlite/metrics-sink.js';

/** The reads of the counters (each flushes first, so that what was counted is in the figures). */
export interface CountReads {
  rows(fromDay: string, toDay: string): MetricRow[];
  series(fromDay: string, toDay: string, metrics: readonly string[]): MetricRow[];
  totals(fromDay: string, toDay: string): { metric: string; key: string; count: number }[];
  count(fromDay: string, toDay: string, metric: string, key: string): number;
}

export interface CountStore extends CountReads {
  add(rows: readonly MetricRow[]): void;
}

export interface MetricsBuffer extends MetricsSink, CountReads {
  /** Writes what is pending; on a storage error the counts stay pending for the next attempt. */
  flush(): void;
  pending(): number;
  /** Stops the timer and writes what is pending. */
  close(): void;
}

const SEP = '\u0000';

export function createMetricsBuffer(store: CountStore, options: { flushMs: number; onError?: (e: unknown) => void }): MetricsBuffer {
  let counts = new Map<string, number>();
  const flush = () => {
    if (counts.size === 0) return;
    const taken = counts;
    counts = new Map();
    const rows = [...taken].map(([k, count]) => {
      const [day, channel, metric, key] = k.split(SEP) as [string, MetricEvent['channel'], string, string];
      return { day, channel, metric, key, count };
    });
    try {
      store.add(rows);
    } catch (e) {
      for (const [k, n] of taken) counts.set(k, (counts.get(k) ?? 0) + n);
      throw e;
    }
  };
  const timer = setInterval(() => {
    try {
      flush();
    } catch (e) {
      options.onError?.(e);
    }
  }, options.flushMs);
  timer.unref();
  return {
    record(events) {
      for (const e of events) {
        const k = [e.day, e.channel, e.metric, e.key].join(SEP);
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
    },
    flush,
    rows(fromDay, toDay) {
      flush();
      return store.rows(fromDay, toDay);
    },
    series(fromDay, toDay, metrics) {
      flush();
      return store.series(fromDay, toDay, metrics);
    },
    totals(fromDay, toDay) {
      flush();
      return store.totals(fromDay, toDay);
    },
    count(fromDay, toDay, metric, key) {
      flush();
      return store.count(fromDay, toDay, metric, key);
    },
    pending: () => counts.size,
    close() {
      clearInterval(timer);
      flush();
    },
  };
}
