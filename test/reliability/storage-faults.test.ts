/**
 * Storage faults: the database locked by another process, and a full disk (a tiny tmpfs). A webhook answers
 * 503 (the platform will deliver again), never 200 without the write; the service keeps running; once the fault
 * is gone the redelivered update is handled and answered.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src/app.js';
import { waitFor } from '../helpers/fake-platforms.js';
import { startFullService, type FullService } from '../helpers/full-service.js';
import { ROOT, tempDir } from '../helpers/test-server.js';
import { mountTmpfs } from '../helpers/tmpfs.js';

let s: FullService | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

/** From a different citizen each time (one person's flood would be refused by the flood guard instead). */
const tgUpdate = (id: number, text: string) => ({ update_id: id, message: { message_id: id, from: { id: 30_000 + id, is_bot: false, first_name: 'A' }, chat: { id: 30_000 + id, type: 'private' }, date: 0, text } });
const zaloUpdate = (id: string, text: string) => ({ ok: true, result: { event_name: 'message.text.received', message: { from: { id: 'zlock' }, chat: { id: 'zlock' }, text, message_id: id, date: 0 } } });
/** Claims of an update (Zalo keys end with a sender tag: "event:message-id:tag"). */
const claimed = (svc: FullService, key: string) =>
  svc.service.app.db.prepare("SELECT COUNT(*) AS n FROM processed_updates WHERE update_key = ? OR update_key LIKE ? || ':%'").get(key, key) as { n: number };

/** Another process that holds the database's write lock until it is told to let go. */
async function lockDatabase(file: string): Promise<ChildProcess> {
  const code = `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(file)}); db.exec('BEGIN EXCLUSIVE');
    process.stdout.write('locked\\n'); process.stdin.on('end', () => { db.exec('ROLLBACK'); db.close(); process.exit(0); }); process.stdin.resume();`;
  const child = spawn(process.execPath, ['-e', code], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
    child.once('exit', (c) => reject(new Error(`lock holder exited (${c})`)));
  });
  return child;
}

describe('storage faults', () => {
  it('database locked by another process: 503 with nothing written, then handled once it is free', async () => {
    s = await startFullService();
    const holder = await lockDatabase(join(s.dataDir, DATABASE_FILE));
    const locked = [await s.telegramUpdate(tgUpdate(7001, 'bhxh tự nguyện là gì')), await s.zaloUpdate(zaloUpdate('lock-1', 'bhxh tự nguyện là gì'))];
    expect(locked.map((r) => r.status)).toEqual([503, 503]);
    expect(locked[0]!.headers.get('retry-after')).toBeTruthy();
    expect(claimed(s, '7001').n).toBe(0);
    expect(claimed(s, 'message.text.received:lock-1').n).toBe(0);
    expect((await fetch(`${s.url}/health`)).status).toBe(200); // reads still work: the service is up

    holder.stdin!.end();
    await new Promise((r) => holder.once('exit', r));
    // The platforms deliver again: now handled, once, and answered.
    expect((await s.telegramUpdate(tgUpdate(7001, 'bhxh tự nguyện là gì'))).json).toEqual({ ok: true, outcome: 'handled' });
    expect((await s.zaloUpdate(zaloUpdate('lock-1', 'bhxh tự nguyện là gì'))).json).toEqual({ ok: true, outcome: 'handled' });
    await waitFor(() => s!.telegram.messages().some((m) => String(m.body.text).includes('từ đủ 15 tuổi')));
    await waitFor(() => s!.zalo.texts().some((t) => t.includes('từ đủ 15 tuổi')));
  }, 40_000);

  it('disk full (a 4 MB tmpfs): 503 and no reply, no crash, and all is handled once space returns', async (ctx) => {
    const mountPoint = mountTmpfs('4m', 'the disk-full test', ctx);
    try {
      const dataDir = join(mountPoint, 'data');
      mkdirSync(dataDir);
      s = await startFullService({ DATA_DIR: dataDir });
      expect((await s.telegramUpdate(tgUpdate(8000, 'xin chào'))).status).toBe(200);

      // Fill the disk.
      const filler = join(mountPoint, 'filler');
      const fd = openSync(filler, 'w');
      const block = Buffer.alloc(64 * 1024, 1);
      try {
        for (;;) writeSync(fd, block);
      } catch (err) {
        expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
      } finally {
        closeSync(fd);
      }

      const results: { id: number; status: number }[] = [];
      for (let id = 8001; id <= 8040; id++) {
        results.push({ id, status: (await s.telegramUpdate(tgUpdate(id, `đóng bhxh tự nguyện thế nào, câu số ${id}`))).status });
      }
      const refused = results.filter((r) => r.status === 503);
      expect(refused.length).toBeGreaterThan(0);
      expect(results.every((r) => r.status === 200 || r.status === 503)).toBe(true);
      // Never 200 without the write: what was acknowledged is claimed, what was refused is not.
      for (const r of results) expect([r.id, claimed(s, String(r.id)).n]).toEqual([r.id, r.status === 200 ? 1 : 0]);
      const repliesTo = (id: number) => s!.telegram.messages().filter((m) => m.body.chat_id === 30_000 + id).length;
      await new Promise((r) => setTimeout(r, 300));
      for (const r of refused) expect(repliesTo(r.id)).toBe(0);
      // Alive, but it says so: /health 200 with the storage state, /ready 503 so that a balancer sends traffic away.
      const health = await fetch(`${s.url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'degraded', storage: 'SQLITE_FULL' });
      expect((await fetch(`${s.url}/ready`)).status).toBe(503);
      const chat = await s.post('/api/chat', { user: 'full', text: 'giá vàng hôm nay' });
      expect([200, 503]).toContain(chat.status);

      // The updates acknowledged before the disk filled were answered.
      await waitFor(() => results.filter((r) => r.status === 200).every((r) => repliesTo(r.id) > 0));
      // A restart on the full disk (what a supervisor does after a crash): it starts and answers 503, no crash loop.
      await s.close();
      s = await startFullService({ DATA_DIR: dataDir });
      expect((await fetch(`${s.url}/health`)).status).toBe(200);
      expect((await s.telegramUpdate(tgUpdate(refused[0]!.id, `đóng bhxh tự nguyện thế nào, câu số ${refused[0]!.id}`))).status).toBe(503);

      // Space returns: the platform's redeliveries are handled and answered.
      rmSync(filler);
      for (const r of refused) expect((await s.telegramUpdate(tgUpdate(r.id, `đóng bhxh tự nguyện thế nào, câu số ${r.id}`))).json).toEqual({ ok: true, outcome: 'handled' });
      for (const r of results) expect(claimed(s, String(r.id)).n).toBe(1);
      await waitFor(() => refused.every((r) => repliesTo(r.id) > 0));
      expect((await s.post('/api/chat', { user: 'full', text: 'giá vàng hôm nay' })).status).toBe(200);
      expect(await (await fetch(`${s.url}/ready`)).json()).toEqual({ status: 'ready' });
      await s.close();
      s = undefined;
    } finally {
      await s?.close();
      s = undefined;
      spawnSync('umount', [mountPoint]);
    }
  }, 60_000);
});
