import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.close();
});

async function raw(body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const res = await fetch(`${s.url}/api/chat`, { method: 'POST', headers, body: typeof body === 'string' ? body : new Uint8Array(body) });
  return { status: res.status, json: (await res.json().catch(() => null)) as any };
}

describe('POST /api/chat', () => {
  it('answers "bhxh tu nguyen la gi" with the voluntary-BHXH entry, in the contract shape', async () => {
    const { status, json } = await s.chat({ user: 'contract-user', text: 'bhxh tu nguyen la gi' });
    expect(status).toBe(200);
    expect(json.intent).toMatchObject({ kind: 'faq', id: 'vol-what-is' });
    expect(typeof json.intent.score).toBe('number');
    expect(json.replies.at(-1).text).toContain('BHXH tự nguyện');
    for (const r of json.replies) {
      expect(Object.keys(r).every((k) => k === 'text' || k === 'buttons')).toBe(true);
      for (const b of r.buttons ?? []) expect(Object.keys(b).sort()).toEqual(['label', 'payload']);
    }
  });

  it('greets "xin chào" with who the bot is and a menu of choices, not a fallback', async () => {
    const { json } = await s.chat({ user: 'greeter', text: 'xin chào' });
    expect(json.intent).toEqual({ kind: 'flow', id: 'welcome' });
    expect(json.replies[0].text).toContain('chatbot');
    expect(json.replies.at(-1).buttons.length).toBeGreaterThan(3);
  });

  it('falls back on "giá vàng hôm nay" and queues the question', async () => {
    const before = s.app.unanswered.list().length;
    const { json } = await s.chat({ user: 'gold', text: 'giá vàng hôm nay' });
    expect(json.intent.kind).toBe('fallback');
    expect(json.replies.at(-1).text).toContain('1900 9068');
    const queue = s.app.unanswered.list();
    expect(queue.length).toBe(before + 1);
    expect(queue[0]!.text).toBe('giá vàng hôm nay');
    expect(queue[0]!.channel).toBe('web');
  });

  it('accepts a button payload', async () => {
    const { json } = await s.chat({ user: 'presser', payload: 'f:pension-rate' });
    expect(json.intent).toMatchObject({ kind: 'faq', id: 'pension-rate', score: 1 });
  });

  it('answers a forged payload politely with 200', async () => {
    const { status, json } = await s.chat({ user: 'forger', payload: "f:'; DROP TABLE sessions;--" });
    expect(status).toBe(200);
    expect(json.intent.kind).toBe('command');
  });

  describe('bad requests get a 4xx JSON error, never a 5xx', () => {
    const cases: [string, string | Buffer, Record<string, string>?][] = [
      ['empty body', ''],
      ['not JSON', 'hello'],
      ['truncated JSON', '{"user":"a","text":"b'],
      ['JSON array', '[]'],
      ['JSON null', 'null'],
      ['no user', '{"text":"hi"}'],
      ['empty user', '{"user":"","text":"hi"}'],
      ['user too long', JSON.stringify({ user: 'u'.repeat(129), text: 'hi' })],
      ['user not a string', '{"user":42,"text":"hi"}'],
      ['neither text nor payload', '{"user":"a"}'],
      ['text too long', JSON.stringify({ user: 'a', text: 'x'.repeat(2001) })],
      ['text not a string', '{"user":"a","text":{"$gt":""}}'],
      ['100,000-character text', JSON.stringify({ user: 'a', text: 'x'.repeat(100_000) })],
      ['body over 1 MB', Buffer.alloc(1_100_000, 'a')],
      ['10,000-deep nesting', `{"user":"a","text":${'['.repeat(10_000)}${']'.repeat(10_000)}}`],
      ['wrong content type', '{"user":"a","text":"hi"}', { 'content-type': 'text/plain' }],
      ['form encoded', 'user=a&text=hi', { 'content-type': 'application/x-www-form-urlencoded' }],
      ['prototype pollution', '{"user":"a","text":"hi","__proto__":{"polluted":true}}'],
    ];
    it.each(cases)('%s', async (_name, body, headers) => {
      const { status, json } = await raw(body, headers);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
      expect(json).toHaveProperty('error');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('the server still answers afterwards', async () => {
      const { status } = await s.chat({ user: 'after', text: 'menu' });
      expect(status).toBe(200);
    });
  });

  it('polite replies for odd but valid text', async () => {
    for (const text of ['', '\u0000\uFEFF\u202E', '\ud800 lone surrogate', '１２３４５', '<script>alert(1)</script>', '0'.repeat(2000)]) {
      const { status, json } = await s.chat({ user: 'odd', text });
      expect(status).toBe(200);
      expect(json.replies.length).toBeGreaterThan(0);
    }
  });

  it('GET /health reports ok with the storage state, /ready says ready; unknown routes 404 JSON', async () => {
    expect(await (await fetch(`${s.url}/health`)).json()).toEqual({ status: 'ok', storage: 'ok' });
    expect(await (await fetch(`${s.url}/ready`)).json()).toEqual({ status: 'ready' });
    const res = await fetch(`${s.url}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toHaveProperty('error');
  });
});

describe('privacy in storage', () => {
  it('no raw platform id and no unredacted phone, CCCD, BHXH code or e-mail reaches the database', async () => {
    const platformId = 'raw-platform-id-7e1f2c9a';
    const secrets = ['0912345678', '0912 345 678', '001234567890', '0123456789', 'nguyen.van.a@gmail.com'];
    await s.chat({ user: platformId, text: 'xin chào' });
    await s.chat({ user: platformId, text: `tôi muốn hỏi giá vàng, sđt ${secrets[1]} hoặc ${secrets[0]}` });
    await s.chat({ user: platformId, text: `giá vàng hôm nay? cccd ${secrets[2]}, số ${secrets[3]}, email ${secrets[4]}` });
    // Flow variables live in the session; staff requests keep only a redacted question without consent.
    await s.chat({ user: platformId, text: 'tìm bhxh cơ sở' });
    await s.chat({ user: platformId, text: secrets[1]! });
    await s.chat({ user: platformId, text: 'gặp cán bộ' });
    await s.chat({ user: platformId, text: `tôi là ${secrets[4]}, cccd ${secrets[2]}, gọi ${secrets[0]}` });
    await s.chat({ user: platformId, text: '2' });
    s.app.db.pragma('wal_checkpoint(TRUNCATE)');
    const dump: string[] = [];
    for (const { name } of s.app.db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all()) {
      dump.push(JSON.stringify(s.app.db.prepare(`SELECT * FROM "${name}"`).all()));
    }
    const bytes = readdirSync(s.dataDir)
      .filter((f) => f.startsWith('bot.sqlite'))
      .map((f) => readFileSync(join(s.dataDir, f)).toString('latin1'))
      .join('');
    const tables = dump.join('\n');
    expect(tables).toContain('[SĐT]');
    expect(tables).toContain('[CCCD]');
    expect(s.app.staffQueue.list()[0]!.question).toBe('tôi là [email], cccd [CCCD], gọi [SĐT]');
    for (const needle of [platformId, ...secrets]) {
      expect(tables).not.toContain(needle);
      expect(bytes).not.toContain(needle);
    }
  });
});
