/**
 * Retrieval latency at growing knowledge sizes: the three contenders are built over the same synthesised
 * entries and asked the same questions in turn (interleaved), after a warm-up. Slow contenders are sampled on
 * fewer questions so that the run stays within minutes.
 */
import { performance } from 'node:perf_hooks';
import type { Contender, Doc } from './contenders.js';

export interface LatencyRow {
  name: string;
  size: number;
  p50: number;
  p99: number;
  samples: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

export function measureLatency(
  build: (docs: Doc[]) => Contender[],
  docs: Doc[],
  queries: readonly string[],
  warmUp: readonly string[],
  budgetMs: number,
  minSamples = 20,
): LatencyRow[] {
  const contenders = build(docs);
  const times = contenders.map(() => [] as number[]);
  const spent = contenders.map(() => 0);
  // Warm-up on other questions than the measured ones, so that no cache holds a measured answer.
  for (const c of contenders) {
    const t0 = performance.now();
    for (const q of warmUp) {
      c.top(q);
      if (performance.now() - t0 > budgetMs / 4) break;
    }
  }
  for (const q of queries) {
    contenders.forEach((c, i) => {
      if (spent[i]! > budgetMs && times[i]!.length >= minSamples) return;
      const t0 = performance.now();
      c.top(q);
      const dt = performance.now() - t0;
      times[i]!.push(dt);
      spent[i]! += dt;
    });
  }
  return contenders.map((c, i) => {
    const sorted = times[i]!.sort((a, b) => a - b);
    return { name: c.name, size: docs.length, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), samples: sorted.length };
  });
}
