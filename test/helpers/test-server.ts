/** Boots the real app and HTTP server on 127.0.0.1 with a temp data dir; for tests only. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { registerStaffConsole } from '../../src/admin/console.js';
import { staffConsoleDeps } from '../../src/admin/console-deps.js';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createHttpServer } from '../../src/http/server.js';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface TestServer {
  app: App;
  url: string;
  dataDir: string;
  chat(body: unknown): Promise<{ status: number; json: any }>;
  close(): Promise<void>;
}

/** POSTs a body (a string or Buffer as is, anything else as JSON); the answer parsed as JSON when it is JSON. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any; headers: Headers }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON: the text as it came */
  }
  return { status: res.status, json, headers: res.headers };
}

export function tempDir(prefix = 'bhxh-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * A clock for tests: starts at a fixed instant (never the machine's date) and moves forward with real time, so
 * durations measured by the code still pass while every calendar day it derives is the same at any hour.
 */
export function testClock(startIso = TEST_START): { now: () => number; set(iso: string): void; advance(ms: number): void } {
  let base = Date.parse(startIso);
  let origin = performance.now();
  return {
    now: () => Math.floor(base + (performance.now() - origin)),
    set(iso) {
      base = Date.parse(iso);
      origin = performance.now();
    },
    advance(ms) {
      base += ms;
    },
  };
}

/** 2026-12-01 10:00 in Vietnam: a working day, far from midnight on either side of the date line. */
export const TEST_START = '2026-12-01T03:00:00Z';

export async function startTestServer(env: Record<string, string> = {}, clock: () => number = testClock().now): Promise<TestServer> {
  const dataDir = env.DATA_DIR ?? tempDir();
  const config = loadConfig({ DATA_DIR: dataDir, KNOWLEDGE_DIR: join(ROOT, 'knowledge'), ...env });
  const app = createApp(config, clock);
  const server = createHttpServer({
    handle: app.handle,
    inbox: app.webInbox,
    t: app.i18n.t,
    checkStorage: () => app.checkStorage(),
    trustProxy: config.trustProxy,
    chatPerMinute: config.httpRateLimitPerMinute,
    newConversationsPerHour: config.webNewConversationsPerHour,
    routes: [(s) => registerStaffConsole(s, staffConsoleDeps(app))],
  });
  await server.listen({ port: 0, host: '127.0.0.1' });
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    app,
    url,
    dataDir,
    async chat(body) {
      const { status, json } = await postJson(`${url}/api/chat`, body);
      return { status, json };
    },
    async close() {
      await server.close();
      app.close();
      if (!env.DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
