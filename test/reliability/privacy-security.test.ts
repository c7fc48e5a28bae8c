/**
 * Personal data and secrets, end to end on the whole service: citizens type phone numbers (every common
 * format), CCCD and BHXH numbers, e-mails and bank accounts on the web, Telegram and Zalo, and leave a contact
 * for staff; sends fail and get logged. Afterwards neither the database files nor the logs (at trace level) hold
 * any of them, any raw platform id, the bot tokens or the webhook secrets. Also: redelivered updates (twice in
 * a row, ten at once) are handled once on both routes, "forget me" deletes the state, and every response
 * carries the security headers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src/app.js';
import { waitFor } from '../helpers/fake-platforms.js';
import { startFullService, TELEGRAM_SECRET, TELEGRAM_TOKEN, ZALO_SECRET, ZALO_TOKEN, type FullService } from '../helpers/full-service.js';

let s: FullService;
beforeAll(async () => {
  s = await startFullService({ LOG_LEVEL: 'trace', RATE_LIMIT_PER_MINUTE: '600' }); // one person sends all the cases
});
afterAll(async () => s.close());

const TELEGRAM_USER = 918_273_645;
const ZALO_USER = 'zalo-raw-user-7c1e9f3a';
const WEB_USER = 'web-raw-user-5b2d8e41';
/** Personal data as people type it, and what must never be found (digits only, or the address). */
const PERSONAL: [typed: string, needle: string][] = [
  ['0912345678', '0912345678'],
  ['0912 345 678', '0912 345 678'],
  ['0912.345.679', '0912.345.679'],
  ['(+84) 912-345-670', '912-345-670'],
  ['+84 98 765 4321', '98 765 4321'],
  ['CCCD 001203004567', '001203004567'],
  ['cccd 038 095 001 234', '038 095 001 234'],
  ['mã BHXH 0123456789', '0123456789'],
  ['email lan.nguyen1985@gmail.com', 'lan.nguyen1985@gmail.com'],
  ['stk 1903 6812 3450 19 techcombank', '1903 6812 3450 19'],
  ['số tài khoản 0071000654321', '0071000654321'],
  // Issue 15, item 5: what the staff queues used to keep.
  ['sđt 0912,345,671', '0912,345,671'],
  ['gọi 0912    345672', '0912    345672'],
  ['máy bàn (0209) 3871 153', '3871 153'],
  ['mail lanvt [at] gmail [dot] com', 'lanvt [at] gmail'],
  ['Vietcombank 7654321', '7654321'],
  ['Tôi tên là Nông Thị Duyên', 'Nông Thị Duyên'],
  ['họ tên: Triệu Văn Phúc', 'Triệu Văn Phúc'],
  ['nhà ở thôn Nà Phặc, xã Cao Kỳ, huyện Chợ Mới', 'Nà Phặc'],
  ['địa chỉ: số 17 tổ 9 phường Đức Xuân', 'tổ 9 phường Đức Xuân'],
  ['sinh ngày 14/07/1986', '14/07/1986'],
  ['xe biển số 97A-246.81', '246.81'],
];
const digitsOf = (s: string) => s.replace(/\D/g, '');

const tg = (id: number, text: string) => ({ update_id: id, message: { message_id: id, from: { id: TELEGRAM_USER, is_bot: false, first_name: 'Lan' }, chat: { id: TELEGRAM_USER, type: 'private' }, date: 0, text } });
const zalo = (id: string, text: string) => ({ ok: true, result: { event_name: 'message.text.received', message: { from: { id: ZALO_USER, display_name: 'Lan' }, chat: { id: ZALO_USER, chat_type: 'PRIVATE' }, text, message_id: id, date: 0 } } });

describe('personal data never stored or logged', () => {
  it('after questions, flows and failed sends on three channels, no personal data, raw id, token or secret is in the database or the logs', async () => {
    let n = 1;
    // Some sends fail (logged), the rest go through.
    s.telegram.faults.push({ method: 'sendMessage', status: 400 }, { method: 'sendMessage', status: 500 });
    s.zalo.faults.push({ method: 'sendMessage', status: 403 }, { method: 'sendMessage', status: 500 });
    for (const [typed] of PERSONAL) {
      const question = `giá vàng hôm nay, ${typed}`;
      // One web user each: a person's questions a day are capped, and every one of these must be stored.
      expect((await s.post('/api/chat', { user: `${WEB_USER}-${n}`, text: question })).status).toBe(200);
      expect((await s.telegramUpdate(tg(n, question))).status).toBe(200);
      expect((await s.zaloUpdate(zalo(`pii-${n}`, question))).status).toBe(200);
      n++;
    }
    // A question left for staff, with a contact given by consent; a place name that is really a phone.
    for (const text of ['gặp cán bộ', `công ty nợ BHXH của tôi, ${PERSONAL[5]![0]}, ${PERSONAL[0]![0]}`, '1', PERSONAL[8]![0].replace('email ', ''), 'tìm bhxh cơ sở', PERSONAL[1]![0]]) {
      await s.post('/api/chat', { user: WEB_USER, text });
    }
    expect(s.service.app.staffQueue.list()[0]!.contact).toBe('lan.nguyen1985@gmail.com'); // readable by staff
    await waitFor(() => s.telegram.messages().length >= PERSONAL.length && s.zalo.texts().length >= PERSONAL.length - 1);
    await s.service.stop(); // counts written, WAL checkpointed, logs complete

    const files = readdirSync(s.dataDir).filter((f) => f.startsWith(DATABASE_FILE));
    const stored = files.map((f) => readFileSync(join(s.dataDir, f)).toString('latin1')).join('\n');
    const storedUtf8 = files.map((f) => readFileSync(join(s.dataDir, f)).toString('utf8')).join('\n');
    const logs = s.logs.join('');
    expect(logs.length).toBeGreaterThan(1000); // trace level: every request is there
    expect(logs).toMatch(/send failed/);
    const forbidden = [
      ...PERSONAL.flatMap(([, needle]) => [needle, digitsOf(needle)].filter((x) => x.length >= 6)),
      String(TELEGRAM_USER),
      ZALO_USER,
      WEB_USER,
      TELEGRAM_TOKEN,
      TELEGRAM_TOKEN.split(':')[1]!,
      ZALO_TOKEN,
      TELEGRAM_SECRET,
      ZALO_SECRET,
    ];
    for (const needle of forbidden) {
      expect({ needle, inDatabase: stored.includes(needle) || storedUtf8.includes(needle) }).toEqual({ needle, inDatabase: false });
      expect({ needle, inLogs: logs.includes(needle) }).toEqual({ needle, inLogs: false });
    }
    expect(logs).not.toContain('giá vàng'); // what people type is never logged, even redacted
    // What is kept is there, redacted.
    expect(storedUtf8).toContain('[SĐT]');
    expect(storedUtf8).toContain('[CCCD]');
    expect(storedUtf8).toContain('[STK]');
    for (const label of ['[tên]', '[địa chỉ]', '[ngày sinh]', '[biển số]', '[email]']) expect(storedUtf8).toContain(label);
  });
});

describe('redelivered updates on the real HTTP routes', () => {
  let t: FullService;
  beforeAll(async () => {
    t = await startFullService();
  });
  afterAll(async () => t.close());

  it.each(['telegram', 'zalo'] as const)('%s: the same update twice in a row, then ten at once, is handled once', async (platform) => {
    const send = platform === 'telegram' ? () => t.telegramUpdate(tg(424_242, 'bhxh tự nguyện là gì')) : () => t.zaloUpdate(zalo('dup-1', 'bhxh tự nguyện là gì'));
    const outcomes = [(await send()).json.outcome, (await send()).json.outcome];
    outcomes.push(...(await Promise.all(Array.from({ length: 10 }, send))).map((r) => r.json.outcome));
    expect(outcomes).toEqual(['handled', ...Array(11).fill('duplicate')]);
    const answers = () => (platform === 'telegram' ? t.telegram.messages().map((m) => String(m.body.text)) : t.zalo.texts()).filter((x) => x.includes('từ đủ 15 tuổi'));
    await waitFor(() => answers().length === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(answers()).toHaveLength(1);
    const rows = t.service.app.db.prepare('SELECT COUNT(*) AS n FROM processed_updates WHERE channel = ?').get(platform);
    expect(rows).toEqual({ n: 1 });
  });

  it('"xóa dữ liệu" deletes what the bot kept about that person', async () => {
    const sessions = () => (t.service.app.db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n;
    await t.post('/api/chat', { user: 'forget-me', text: 'tính lương hưu' });
    const before = sessions();
    const r = await t.post('/api/chat', { user: 'forget-me', text: 'xóa dữ liệu' });
    expect(r.json.intent).toEqual({ kind: 'command', id: 'forget' });
    expect(sessions()).toBe(before - 1);
  });

  it('"xóa dữ liệu" erases that person\'s questions in the staff queues and their requests to staff, and nobody else\'s', async () => {
    const app = t.service.app;
    const mine = () => [app.unanswered.list().filter((q) => q.text.includes('ong mật')).length, app.staffQueue.list().filter((q) => q.question.includes('ong mật')).length];
    for (const user of ['erase-me', 'keep-me']) {
      await t.post('/api/chat', { user, text: 'bảo hiểm cho đàn ong mật nhà tôi' });
      for (const text of ['gặp cán bộ', 'tôi nuôi ong mật, có được tham gia bảo hiểm không', '2']) await t.post('/api/chat', { user, text });
    }
    expect(mine()).toEqual([2, 2]);
    await t.post('/api/chat', { user: 'erase-me', text: 'xoa du lieu' });
    expect(mine()).toEqual([1, 1]);
  });

  it('every response carries the security headers and a CSP, whatever the route and status', async () => {
    const responses = [
      await fetch(`${t.url}/`),
      await fetch(`${t.url}/static/chat.js`),
      await fetch(`${t.url}/health`),
      await fetch(`${t.url}/no-such-page`),
      await fetch(`${t.url}/admin/login`),
      await fetch(`${t.url}/admin/questions`, { redirect: 'manual' }),
      await fetch(`${t.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }),
      await fetch(`${t.url}/webhooks/telegram`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
      await fetch(`${t.url}/webhooks/zalo`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-bot-api-secret-token': ZALO_SECRET }, body: '{}' }),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 404, 200, 303, 400, 401, 400]);
    for (const r of responses) {
      expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('x-frame-options')).toBe('DENY');
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });
});
