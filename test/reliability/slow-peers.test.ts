/**
 * Issue 15, item 7: clients that hold connections open. A body sent one byte at a time and a pile of idle
 * sockets are replayed against the real fastify server, with its timeout and connection cap scaled down
 * (REQUEST_TIMEOUT_MS is 30 s and MAX_CONNECTIONS 2,000 in service).
 */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createHttpServer } from '../../src/http/server.js';

let server: FastifyInstance | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await server?.close();
  server = undefined;
});

async function start(options: { requestTimeoutMs?: number; maxConnections?: number }): Promise<number> {
  server = createHttpServer({
    handle: async () => ({ replies: [{ text: 'ok' }], outcome: { kind: 'command', command: 'menu' } }),
    t: (_lang, key) => key,
    checkStorage: () => undefined,
    ...options,
  });
  await server.listen({ port: 0, host: '127.0.0.1' });
  return (server.server.address() as { port: number }).port;
}

/** Resolves with what the server sent when it closes the socket. */
const closed = (socket: Socket) =>
  new Promise<string>((resolve) => {
    let got = '';
    socket.on('data', (d) => (got += d.toString()));
    socket.on('close', () => resolve(got));
    socket.on('error', () => undefined);
  });

describe('slow and hanging clients', () => {
  it('closes a request whose body trickles in one byte at a time, at the timeout', async () => {
    const port = await start({ requestTimeoutMs: 1_000 });
    const socket = connect(port, '127.0.0.1');
    sockets.push(socket);
    const done = closed(socket);
    socket.write('POST /api/chat HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{');
    const drip = setInterval(() => socket.writable && socket.write(' '), 200);
    const answer = await done; // without the timeout this waits for ever (and the test times out)
    clearInterval(drip);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('refuses connections past the cap and keeps serving once they go', async () => {
    const port = await start({ maxConnections: 5, requestTimeoutMs: 60_000 });
    for (let i = 0; i < 5; i++) {
      const s = connect(port, '127.0.0.1');
      sockets.push(s);
      await new Promise((r) => s.once('connect', r));
    }
    await new Promise((r) => setTimeout(r, 50));
    const extra = connect(port, '127.0.0.1');
    sockets.push(extra);
    expect(await closed(extra)).toBe(''); // dropped at the socket, nothing served
    for (const s of sockets.splice(0)) s.destroy();
    await new Promise((r) => setTimeout(r, 50));
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    expect(res.status).toBe(200);
  });
});
