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
import { warmUp as warmUpRetriever } from '../src/knowledge/warm-up.js';

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

/** Messages built to be expensive: unknown long words, many syllable-like words, the longest letter allowed. */
export function attackMessages(n = 30): string[] {
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const word = (len: number) => Array.from({ length: len }, () => 'abcdeghiklmnopqrstuvxy'[next() % 22]).join('');
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const kind = i % 3;
    if (kind === 0) out.push(Array.from({ length: 50 }, () => word(39)).join(' '));
    else if (kind === 1) out.push(Array.from({ length: 330 }, () => word(5)).join(' ').slice(0, 2000));
    else out.push(`${Array.from({ length: 60 }, () => `${word(6)}, ${word(4)} ${word(7)}?`).join(' ')}`.slice(0, 2000));
  }
  return out;
}

/**
 * The costliest message of each kind through the whole turn, after the warm-up `npm start` does: how long it
 * holds the event loop (what another citizen waits) and the process CPU it used (which includes the
 * collector's threads, so it reads higher).
 */
export function measureWorstMessage(messages: readonly string[]): { maxMs: number; p95Ms: number; p50Ms: number; cpuMaxMs: number } {
  const app = createApp(loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'bhxh-worst-')), LOG_LEVEL: 'silent' }));
  try {
    warmUpRetriever(app.faq());
    // Steady state: the process has answered ordinary questions before (compiled code, warm caches).
    for (let i = 0; i < 200; i++) app.handle('web', `warm-${i % 20}`, { text: i % 2 ? 'bhxh tu nguyen dong bao nhieu' : 'rut bhxh 1 lan duoc bao nhieu' });
    let cpuMaxMs = 0;
    const costs = messages.map((text, i) => {
      const before = process.cpuUsage();
      const t0 = performance.now();
      app.handle('web', `attacker-${i}`, { text });
      const wall = performance.now() - t0;
      const used = process.cpuUsage(before);
      cpuMaxMs = Math.max(cpuMaxMs, (used.user + used.system) / 1000);
      return wall;
    });
    costs.sort((a, b) => a - b);
    const at = (q: number) => costs[Math.min(costs.length - 1, Math.floor(costs.length * q))]!;
    return { maxMs: costs[costs.length - 1]!, p95Ms: at(0.95), p50Ms: at(0.5), cpuMaxMs };
  } finally {
    app.close();
  }
}
