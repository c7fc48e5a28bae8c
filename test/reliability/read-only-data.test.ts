/**
 * Issue 15, item 9: DATA_DIR on a read-only file system (a tmpfs remounted read-only, which root cannot write
 * either). The bot starts in a read-only answer mode with a clear log line instead of crashing: it answers,
 * staff can sign in with the accounts on disk, and /health and /ready say that storage is read-only.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { addStaff, signIn } from '../helpers/staff.js';
import { ROOT, startTestServer, testClock, type TestServer } from '../helpers/test-server.js';
import { mountTmpfs } from '../helpers/tmpfs.js';

let s: TestServer | undefined;
const mounts: string[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await s?.close().catch(() => undefined);
  s = undefined;
  for (const m of mounts.splice(0)) spawnSync('umount', ['-l', m]);
});

describe('a read-only DATA_DIR', () => {
  it('starts in a read-only answer mode, says so once, answers, and reports storage as read-only', async (ctx) => {
    const mountPoint = mountTmpfs('8m', 'the read-only test', ctx);
    mounts.push(mountPoint);
    const dataDir = join(mountPoint, 'data');
    mkdirSync(dataDir);
    const before = createApp(loadConfig({ DATA_DIR: dataDir, KNOWLEDGE_DIR: join(ROOT, 'knowledge') }), testClock().now);
    await addStaff(before, 'lan', 'admin');
    before.close();
    expect(spawnSync('mount', ['-o', 'remount,ro', mountPoint]).status).toBe(0);

    const said: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk, ...rest) => (said.push(String(chunk)), write(chunk, ...(rest as []))));
    s = await startTestServer({ DATA_DIR: dataDir });
    expect(said.filter((l) => l.includes('READ-ONLY MODE'))).toHaveLength(1);
    expect(said.join('')).toContain(dataDir);

    const answer = await s.chat({ user: 'u1', text: 'bhxh tu nguyen la gi' });
    expect(answer.json.intent).toMatchObject({ kind: 'faq', id: 'vol-what-is' });
    expect((await s.chat({ user: 'u1', text: 'còn mức đóng thì sao' })).status).toBe(200);
    expect(await (await fetch(`${s.url}/health`)).json()).toEqual({ status: 'degraded', storage: 'read-only' });
    expect((await fetch(`${s.url}/ready`)).status).toBe(503);
    await signIn(s.url, 'lan', 'lan-password-123'); // the account on disk
  });
});
