/**
 * The reliability guide's list of bad inputs, against both webhooks and the staff console of the whole
 * service (the chat API has its own list in test/http/chat-api.test.ts): each gets a 4xx or a polite reply,
 * never a 5xx, and the service still answers afterwards.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFullService, TELEGRAM_SECRET, ZALO_SECRET, type FullService } from '../helpers/full-service.js';
import { waitFor } from '../helpers/fake-platforms.js';

let s: FullService;
beforeAll(async () => {
  s = await startFullService();
});
afterAll(async () => s.close());

/** A raw request: repeated or non-ASCII headers, any bytes as the body. */
function raw(path: string, body: string | Buffer, headers: Record<string, string | string[]>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(s.url + path);
    const req = request({ host: url.hostname, port: url.port, path, method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const tgText = (updateId: unknown, text: string, userId = 4242) => ({
  update_id: updateId,
  message: { message_id: 1, from: { id: userId, is_bot: false, first_name: 'A' }, chat: { id: userId, type: 'private' }, date: 0, text },
});
const zaloText = (messageId: unknown, text: string, userId = 'zbad') => ({
  ok: true,
  result: { event_name: 'message.text.received', message: { from: { id: userId }, chat: { id: userId, chat_type: 'PRIVATE' }, text, message_id: messageId, date: 0 } },
});

interface Route {
  name: 'Telegram' | 'Zalo';
  path: string;
  header: string;
  secret: string;
  refused: number;
  update: ((id: unknown, text: string, user?: number) => object) | ((id: unknown, text: string, user?: string) => object);
}
const routes: Route[] = [
  { name: 'Telegram', path: '/webhooks/telegram', header: 'x-telegram-bot-api-secret-token', secret: TELEGRAM_SECRET, refused: 401, update: tgText },
  { name: 'Zalo', path: '/webhooks/zalo', header: 'x-bot-api-secret-token', secret: ZALO_SECRET, refused: 403, update: zaloText },
];

describe.each(routes)('$name webhook', (route) => {
  const auth = { [route.header]: route.secret };
  const update = route.update as unknown as (id: unknown, text: string, user?: string | number) => object;
  const post = (body: string | Buffer, headers: Record<string, string | string[]> = auth) => raw(route.path, body, headers);
  const deep = `{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;

  it.each([
    ['empty body', ''],
    ['not JSON', 'hello'],
    ['truncated JSON', '{"update_id": 1, "message": {"text": "b'],
    ['a JSON string', '"hi"'],
    ['JSON null', 'null'],
    ['10,000-deep nesting', deep],
    ['body over 1 MB', Buffer.alloc(1_100_000, 'a')],
    ['an update with no message', route.name === 'Telegram' ? '{"update_id": 77}' : '{"ok": true, "result": {"event_name": "message.text.received"}}'],
    ['100,000-character text', JSON.stringify(update(9001, 'x'.repeat(100_000)))],
  ])('%s: a 4xx, or 200 with nothing done', async (_name, body) => {
    const r = await post(body);
    expect(r.status).toBeLessThan(500);
    if (r.status === 200) expect(JSON.parse(r.body).outcome).toBe('ignored');
  });

  it('ids of the wrong kind are refused with 400', async () => {
    const ids = route.name === 'Telegram' ? ['12', -1, 1.5, 2 ** 63, null, { $gt: 0 }] : [-1, 1.5, '', 'x'.repeat(500), null, { $gt: 0 }];
    for (const id of ids) expect((await post(JSON.stringify(update(id, 'bhxh là gì')))).status).toBe(400);
  });

  it('a wrong content type is refused with a 4xx', async () => {
    const r = await post(JSON.stringify(update(9100, 'xin chào')), { ...auth, 'content-type': 'text/plain' });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
  });

  it('a missing, wrong, over-long, non-ASCII or doubled secret is refused and does nothing', async () => {
    const before = s.service.app.db.prepare('SELECT COUNT(*) AS n FROM processed_updates').get();
    const body = JSON.stringify(update(9200, 'bhxh tự nguyện là gì'));
    for (const headers of [{}, { [route.header]: 'wrong-secret-value' }, { [route.header]: 's'.repeat(10_000) }, { [route.header]: `${route.secret}é` }, { [route.header]: [route.secret, route.secret] }, { [route.header]: '' }]) {
      expect((await post(body, headers)).status).toBe(route.refused);
    }
    expect(s.service.app.db.prepare('SELECT COUNT(*) AS n FROM processed_updates').get()).toEqual(before);
  });

  it('control characters, lone surrogates, RTL overrides, full-width digits and decomposed Vietnamese get a polite reply', async () => {
    const texts = ['\u0000\ufeff\u202e bhxh', 'a\ud800b', '１２３４５', 'bảo hiểm xã hội tự nguyện là gì'.normalize('NFD'), '<script>alert(1)</script>', '0'.repeat(5000), '1.'.repeat(5000)];
    for (const [i, text] of texts.entries()) {
      const r = await post(JSON.stringify(update(9300 + i, text, route.name === 'Telegram' ? 5300 + i : `zodd${i}`)));
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body).outcome).toBe('handled');
    }
    // Every one of them got a reply, and the decomposed question is answered as if typed composed.
    const repliesTo = (i: number) =>
      (route.name === 'Telegram' ? s.telegram.messages().filter((m) => m.body.chat_id === 5300 + i) : s.zalo.sent.filter((m) => m.body.chat_id === `zodd${i}`)).map((m) => String(m.body.text));
    await waitFor(() => texts.every((_, i) => repliesTo(i).length > 0));
    expect(repliesTo(3).join('\n')).toContain('từ đủ 15 tuổi');
  });

  it('a flood from one user (100 in a second) is acknowledged, told once to slow down, and does not hold back others', async () => {
    const flooder = route.name === 'Telegram' ? 7777 : 'zflood';
    const outcomes = await Promise.all(Array.from({ length: 100 }, (_, i) => post(JSON.stringify(update(route.name === 'Telegram' ? 20_000 + i : `flood-${i}`, `câu hỏi số ${i}`, flooder))).then((r) => JSON.parse(r.body).outcome as string)));
    expect(outcomes.filter((o) => o === 'handled').length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o === 'limited').length).toBeGreaterThan(50);
    const notices = () => (route.name === 'Telegram' ? s.telegram.messages().filter((m) => String(m.body.chat_id) === '7777').map((m) => String(m.body.text)) : s.zalo.sent.filter((m) => m.body.chat_id === 'zflood').map((m) => String(m.body.text))).filter((t) => t.includes('hơi nhanh'));
    await waitFor(() => notices().length === 1);
    const other = await post(JSON.stringify(update(route.name === 'Telegram' ? 30_000 : 'other-1', 'bhxh tự nguyện là gì', route.name === 'Telegram' ? 8888 : 'zother')));
    expect(JSON.parse(other.body).outcome).toBe('handled');
    await new Promise((r) => setTimeout(r, 200));
    expect(notices()).toHaveLength(1);
  });

  it('still answers afterwards', async () => {
    const r = await post(JSON.stringify(update(route.name === 'Telegram' ? 99_999 : 'last-1', 'bhxh tự nguyện là gì', route.name === 'Telegram' ? 9999 : 'zlast')));
    expect(JSON.parse(r.body)).toEqual({ ok: true, outcome: 'handled' });
    expect((await fetch(`${s.url}/health`)).status).toBe(200);
  });
});

describe('Telegram buttons', () => {
  it('a forged or oversized callback payload gets a polite reply and the button is answered', async () => {
    const forged = ["f:'; DROP TABLE sessions;--", 'x'.repeat(1000), '', 'c:unknown', '\u0000'];
    for (const [i, data] of forged.entries()) {
      const r = await raw('/webhooks/telegram', JSON.stringify({ update_id: 50_000 + i, callback_query: { id: `cq-${i}`, from: { id: 6100 + i, is_bot: false, first_name: 'A' }, data, message: { message_id: 1, chat: { id: 6100 + i, type: 'private' }, date: 0 } } }), { 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET });
      expect(r.status).toBeLessThan(500);
    }
    await waitFor(() => s.telegram.sent.filter((x) => x.method === 'answerCallbackQuery' && String(x.body.callback_query_id).startsWith('cq-')).length >= 4);
  });
});

describe('staff console', () => {
  it.each([
    ['empty body', '', 'application/x-www-form-urlencoded'],
    ['JSON instead of a form', '{"name":"a","password":"b"}', 'application/json'],
    ['a text body', 'name=a&password=b', 'text/plain'],
    ['body over 1 MB', 'name=' + 'a'.repeat(1_100_000), 'application/x-www-form-urlencoded'],
    ['deeply nested form keys', `${'a['.repeat(5000)}=1`, 'application/x-www-form-urlencoded'],
    ['repeated fields', 'name=a&name=b&password=c&password=d', 'application/x-www-form-urlencoded'],
    ['NUL and surrogates', 'name=%00%ED%A0%80&password=%FF%FE', 'application/x-www-form-urlencoded'],
  ])('sign-in with %s: a 4xx or the sign-in page again, never a 5xx', async (_name, body, type) => {
    const r = await raw('/admin/login', body, { 'content-type': type });
    expect(r.status).toBeLessThan(500);
    expect(r.status).not.toBe(303); // never signed in
  });

  it('changes without a session are refused, whatever their body', async () => {
    for (const path of ['/admin/questions/dismiss', '/admin/questions/attach', '/admin/users', '/admin/logout', '/admin/requests/1/status']) {
      const r = await raw(path, 'ids=1&_csrf=x', { 'content-type': 'application/x-www-form-urlencoded' });
      expect(r.status).toBeGreaterThanOrEqual(300);
      expect(r.status).toBeLessThan(500);
    }
    expect((await fetch(`${s.url}/health`)).status).toBe(200);
  });
});
