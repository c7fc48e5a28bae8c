/**
 * What one message costs inside the process, without HTTP: the router's whole turn (normalise, retrieve,
 * flow, reply texts) in its SQLite transaction, on a fresh data dir, rotating the question set over 100 users.
 * Set beside the end-to-end rate, it shows where a request's time goes.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';

export function measureTurnCost(texts: readonly string[], n = 10_000, warmUp = 2_000): { meanUs: number } {
  const app = createApp(loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'bhxh-turn-')), LOG_LEVEL: 'silent' }));
  try {
    const turn = (i: number) => app.handle('web', `bench-user-${i % 100}`, { text: texts[i % texts.length]! });
    for (let i = 0; i < warmUp; i++) turn(i);
    const t0 = performance.now();
    for (let i = 0; i < n; i++) turn(warmUp + i);
    return { meanUs: ((performance.now() - t0) * 1000) / n };
  } finally {
    app.close();
  }
}
