/**
 * End-to-end throughput: the real bot (npm start's entry point, SQLite on, a fresh data dir) and a bare
 * node:http echo server, each started as its own process on 127.0.0.1 and driven by autocannon with rotating
 * Vietnamese questions from many users.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';

export interface LoadFigures {
  label: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? ok(a.port) : fail(new Error('no port'))));
    });
  });
}

export interface Running {
  url: string;
  port: number;
  child: ChildProcess;
  /** ms from spawn until `readyPath` answered. */
  startMs: number;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** Starts a TypeScript entry point under tsx (on `port`, or a free one) and waits until `readyPath` answers. */
export async function startProcess(entry: string, env: Record<string, string>, readyPath = '/', options: { port?: number; nodeArgs?: string[] } = {}): Promise<Running> {
  const port = options.port ?? (await freePort());
  const t0 = Date.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', resolve(entry)], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${entry} exited during start-up (${child.exitCode ?? child.signalCode})`);
    try {
      const r = await fetch(url + readyPath, { method: readyPath === '/' ? 'POST' : 'GET', body: readyPath === '/' ? '{}' : undefined });
      if (r.status < 500) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() - t0 > 60_000) throw new Error(`${entry} did not start within 60 s`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return {
    url,
    port,
    child,
    startMs: Date.now() - t0,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export function startBot(extraEnv: Record<string, string> = {}): Promise<Running> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bhxh-bench-'));
  return startProcess('src/main.ts', { DATA_DIR: dataDir, LOG_LEVEL: 'warn', HTTP_RATE_LIMIT_PER_MINUTE: '0', WEB_NEW_CONVERSATIONS_PER_HOUR: '0', ...extraEnv }, '/health');
}

export function startEcho(): Promise<Running> {
  return startProcess('bench/echo-server.ts', {});
}

/** Drives POST `path` with bodies from `body(i)` for `seconds`, over `connections` connections. */
export async function drive(label: string, url: string, path: string, body: (i: number) => unknown, seconds: number, connections = 50): Promise<LoadFigures> {
  let i = 0;
  const result = await autocannon({
    url: url + path,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: JSON.stringify(body(i++)) }),
      },
    ],
  });
  return {
    label,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** Chat bodies: many users, each asking the next question of the rotation. */
export function chatBodies(questions: readonly string[], users = 100): (i: number) => unknown {
  return (i) => ({ user: `bench-user-${i % users}`, text: questions[i % questions.length] });
}
