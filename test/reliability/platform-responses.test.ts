/**
 * Issue 15, items 7 and 10: peers that answer too much, redirect, or never answer. The Zalo client (axios) and
 * the Telegram client (grammY, through cappedFetch) read a bounded answer, follow no redirect, time out, and
 * their errors never carry the token-bearing URL or the request config.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { cappedFetch, ResponseTooLarge } from '../../src/channels/shared/capped-fetch.js';
import { toSendError } from '../../src/channels/telegram/adapter.js';
import { createZaloClient, MAX_ZALO_RESPONSE_BYTES, ZaloApiError } from '../../src/channels/zalo/client.js';
import { join } from 'node:path';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { telegramChannelFor } from '../helpers/channels.js';
import { ROOT, tempDir, testClock } from '../helpers/test-server.js';

const TOKEN = '9876543:peer-test-secret-token-zyxwvu';
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** A peer on 127.0.0.1; `sent()` tells how many body bytes it managed to write. */
async function peer(handler: (res: import('node:http').ServerResponse, path: string, count: (n: number) => void) => void) {
  let written = 0;
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    req.resume();
    req.on('end', () => handler(res, req.url ?? '', (n) => (written += n)));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, written: () => written, requests: () => requests };
}

/** Streams `mb` megabytes of a JSON string, as fast as the socket takes it, stopping when the client leaves. */
const huge = (mb: number) => (res: import('node:http').ServerResponse, _path: string, count: (n: number) => void) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let left = mb * 16;
  res.write('{"ok":true,"result":"');
  const pump = () => {
    while (left > 0) {
      left--;
      count(chunk.length);
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end('"}');
  };
  res.on('close', () => (left = 0));
  pump();
};

const secretFree = (err: unknown) => {
  const text = `${inspect(err, { depth: 6 })} ${JSON.stringify(err)} ${(err as Error).stack}`;
  expect(text).not.toContain(TOKEN);
  expect(text).not.toContain('peer-test-secret');
};

describe('Zalo client (axios) against a hostile peer', () => {
  it('refuses a 50 MB answer after reading about its cap, with an error that names no URL or token', async () => {
    const p = await peer(huge(50));
    const client = createZaloClient({ token: TOKEN, apiRoot: p.url });
    const err = await client.sendMessage('u1', 'xin chào').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZaloApiError);
    expect((err as Error).message).toMatch(/too large/);
    secretFree(err);
    expect(p.written()).toBeLessThan(10 * MAX_ZALO_RESPONSE_BYTES); // the socket was dropped, not read to the end
  });

  it('follows no redirect (the token would go along) and times out a peer that never answers', async () => {
    const elsewhere = await peer((res) => res.end('{"ok":true,"result":{}}'));
    const redirecting = await peer((res, path) => {
      res.writeHead(302, { location: `${elsewhere.url}${path}` });
      res.end();
    });
    const err = await createZaloClient({ token: TOKEN, apiRoot: redirecting.url }).getMe().catch((e: unknown) => e);
    expect(err).toMatchObject({ errorCode: 302 });
    expect(elsewhere.requests()).toBe(0);
    secretFree(err);

    const silent = await peer(() => undefined);
    const started = performance.now();
    const hung = await createZaloClient({ token: TOKEN, apiRoot: silent.url, timeoutMs: 300 }).sendMessage('u1', 'x').catch((e: unknown) => e);
    expect(hung).toMatchObject({ errorCode: 0 });
    expect(performance.now() - started).toBeLessThan(5_000);
    secretFree(hung);
  });
});

describe('Telegram client (grammY with cappedFetch) against a hostile peer', () => {
  it('refuses a 50 MB answer; the send error names no token', async () => {
    const p = await peer(huge(50));
    const app = createApp(loadConfig({ DATA_DIR: tempDir(), KNOWLEDGE_DIR: join(ROOT, 'knowledge') }), testClock().now);
    const channel = telegramChannelFor(app, TOKEN, p.url); // the adapter as platforms.ts builds it
    const err = await channel.bot.api.sendMessage(1, 'xin chào').catch((e: unknown) => e);
    channel.queues.outbox.stop();
    app.close();
    expect(toSendError(err).message).toBe('telegram network error: response too large');
    secretFree(toSendError(err));
    expect(p.written()).toBeLessThan(40 * 1024 * 1024);
  });

  it('cappedFetch passes a normal answer through and does not follow redirects', async () => {
    const elsewhere = await peer((res) => res.end('{}'));
    const redirecting = await peer((res) => {
      res.writeHead(307, { location: elsewhere.url });
      res.end();
    });
    const ok = await peer((res) => res.end('{"ok":true,"result":true}'));
    const f = cappedFetch(1024);
    expect(await (await f(ok.url)).json()).toEqual({ ok: true, result: true });
    expect((await f(redirecting.url)).status).toBe(307);
    expect(elsewhere.requests()).toBe(0);
    const big = await peer((res) => res.end('x'.repeat(2048)));
    await expect(f(big.url)).rejects.toBeInstanceOf(ResponseTooLarge);
  });
});
