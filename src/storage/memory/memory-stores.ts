/** In-memory implementations of the core's ports, for testing the core without a database. */
import type { ConversationState, MetricEvent, MetricsSink, SessionStore, UnansweredQuestion, UnansweredQueue } from '../../core/types.js';

export function createMemorySessionStore(): SessionStore & { size(): number } {
  const map = new Map<string, string>();
  return {
    get: (k) => {
      const v = map.get(k);
      return v === undefined ? undefined : (JSON.parse(v) as ConversationState);
    },
    set: (k, s) => void map.set(k, JSON.stringify(s)),
    delete: (k) => void map.delete(k),
    size: () => map.size,
  };
}

export function createMemoryMetricsSink(): MetricsSink & { events: MetricEvent[] } {
  const events: MetricEvent[] = [];
  return { events, record: (e) => void events.push(...e) };
}

export function createMemoryUnansweredQueue(): UnansweredQueue & { items: UnansweredQuestion[] } {
  const items: UnansweredQuestion[] = [];
  return { items, add: (q) => items.push(q) > 0 };
}
