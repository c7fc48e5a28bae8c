import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { entrySchema } from '../../src/knowledge/schema.js';
import { addStaff, groupIds, postLogin, signIn } from '../helpers/staff.js';
import { startTestServer, tempDir, type TestServer } from '../helpers/test-server.js';

const FISH = 'Đóng bhxh cho người nuôi cá lồng trên hồ Ba Bể thế nào';
const FISH_VARIANTS = ['dong bhxh cho nguoi nuoi ca long tren ho ba be the nao', 'dong bhxh cho ngươi nuoi ca lòng tren ho ba be the nao a'];

const servers: TestServer[] = [];
async function server(env: Record<string, string> = {}) {
  const s = await startTestServer(env);
  servers.push(s);
  return s;
}
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function ask(s: TestServer, user: string, text: string) {
  const r = await s.chat({ user, text });
  expect(r.status).toBe(200);
  return r.json.intent as { kind: string; id?: string };
}

describe('staff console: sign-in', () => {
  it('sends strangers to the sign-in page and refuses their changes', async () => {
    const s = await server();
    const page = await fetch(`${s.url}/admin/questions`, { redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/admin/login');
    const post = await fetch(`${s.url}/admin/questions/dismiss`, { method: 'POST', body: 'ids=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(post.status).toBe(401);
    const login = await (await fetch(`${s.url}/admin/login`)).text();
    expect(login).toContain('Đăng nhập');
    expect(login).toContain('<label for="password">');
  });

  it('sets an HttpOnly, SameSite=Strict session cookie for /admin, Secure behind HTTPS, and signs out', async () => {
    const s = await server();
    await addStaff(s.app, 'lan', 'admin', 'mat-khau-rat-dai');
    const res = await postLogin(s.url, 'lan', 'mat-khau-rat-dai');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('bhxh_staff='))!;
    expect(cookie).toMatch(/^bhxh_staff=[\w-]{43}; Path=\/admin; HttpOnly; SameSite=Strict$/);
    const behindProxy = await postLogin(s.url, 'lan', 'mat-khau-rat-dai', { 'x-forwarded-proto': 'https' });
    expect(behindProxy.headers.getSetCookie().find((c) => c.startsWith('bhxh_staff='))).toContain('; Secure');
    const staff = await signIn(s.url, 'lan', 'mat-khau-rat-dai');
    expect((await staff.get('/admin/questions')).status).toBe(200);
    const out = await staff.post('/admin/logout', {});
    expect(out.status).toBe(303);
    expect((await staff.get('/admin/questions')).status).toBe(303);
  });

  it('refuses a wrong password, then blocks guessing after five failures', async () => {
    const s = await server();
    await addStaff(s.app, 'lan', 'admin', 'mat-khau-rat-dai');
    const attempt = (password: string) => postLogin(s.url, 'lan', password);
    for (let i = 0; i < 5; i++) expect((await attempt(`sai-mat-khau-${i}`)).status).toBe(401);
    const blocked = await attempt('mat-khau-rat-dai');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await blocked.text()).toContain('thử lại sau');
  });
});

describe('staff console: unanswered questions', () => {
  it('groups one question typed three ways, and attaching it to an entry answers it at once and after a restart', async () => {
    const dataDir = tempDir();
    const s = await server({ DATA_DIR: dataDir });
    await addStaff(s.app, 'lan', 'admin');
    expect((await ask(s, 'u1', FISH)).kind).toBe('fallback');
    for (const [i, v] of FISH_VARIANTS.entries()) await ask(s, `u${i + 2}`, v);
    const staff = await signIn(s.url, 'lan', 'lan-password-123');
    const page = await staff.get('/admin/questions');
    expect(page.html).toContain('3 câu hỏi, gộp thành 1 nhóm');
    expect(page.html).toContain('3 lần hỏi');
    // the nearest answers by their question, closeness in words; the score and id only in the tooltip
    expect(page.html).toMatch(/<span class="closeness" title="Điểm giống \(0–1\): 0\.\d\d · [a-z0-9-]+">(rất gần|khá gần|hơi gần)<\/span>/);
    expect(page.html).not.toMatch(/<code>[a-z0-9-]+<\/code>/);
    const ids = groupIds(page.html, 'ca long');
    expect(ids.split(',')).toHaveLength(3);

    const done = await staff.post('/admin/questions/attach', { ids, entry: 'vol-what-is' });
    expect(done.status).toBe(303);
    expect((await staff.get('/admin/questions')).html).toContain('Không còn câu hỏi nào chờ xử lý');
    expect(await ask(s, 'u9', FISH)).toMatchObject({ kind: 'faq', id: 'vol-what-is' });

    await s.close();
    servers.splice(servers.indexOf(s), 1);
    const again = await server({ DATA_DIR: dataDir });
    expect(await ask(again, 'u10', FISH_VARIANTS[0]!)).toMatchObject({ kind: 'faq', id: 'vol-what-is' });
  });

  it('writes a new entry from a group (refusing an incomplete one), and exports the change as reviewable YAML', async () => {
    const s = await server();
    await addStaff(s.app, 'lan', 'admin');
    await ask(s, 'u1', FISH);
    const staff = await signIn(s.url, 'lan', 'lan-password-123');
    const ids = groupIds((await staff.get('/admin/questions')).html, 'nuôi cá lồng');
    const form = await staff.get(`/admin/questions/new?ids=${ids}`);
    expect(form.html).toContain(FISH);
    expect(form.html).toContain('value="staff-dong-bao-hiem-xa-hoi-cho"');
    const entry = {
      ids,
      id: 'staff-fish-farmers',
      topic: 'voluntary',
      audiences: ['informal'],
      questions: `${FISH}\nNgười nuôi cá lồng có được tham gia BHXH tự nguyện không?`,
      answer: 'Người nuôi cá lồng là lao động tự do, tham gia được BHXH tự nguyện từ đủ 15 tuổi. Căn cứ: Luật BHXH số 41/2024/QH15.',
      legal_basis: 'Luật BHXH số 41/2024/QH15, Điều 2 khoản 4',
      source_url: 'https://baohiemxahoi.gov.vn',
    };
    const incomplete = await staff.post('/admin/questions/new', { ...entry, answer: '' });
    expect(incomplete.status).toBe(400);
    expect(incomplete.html).toContain('answer');
    // Links staff give citizens go only where they say: https, no user name hiding the real host.
    for (const bad of [
      { source_url: 'https://baohiemxahoi.gov.vn@evil.example/' },
      { source_url: 'http://baohiemxahoi.gov.vn' },
      { source_url: 'javascript:alert(1)' },
      { answer: `${entry.answer} Xem https://baohiemxahoi.gov.vn@evil.example/dang-ky` },
      { answer: `${entry.answer} Xem http://evil.example` },
    ]) {
      const refused = await staff.post('/admin/questions/new', { ...entry, ...bad });
      expect({ bad, status: refused.status }).toEqual({ bad, status: 400 });
      expect(refused.html).toMatch(/https/);
    }
    expect(await ask(s, 'u2', FISH)).toMatchObject({ kind: 'fallback' });

    expect((await staff.post('/admin/questions/new', entry)).status).toBe(303);
    expect(await ask(s, 'u3', FISH)).toMatchObject({ kind: 'faq', id: 'staff-fish-farmers' });
    const reply = await s.chat({ user: 'u4', text: 'nguoi nuoi ca long co duoc tham gia bhxh tu nguyen khong' });
    expect(reply.json.replies.map((r: { text: string }) => r.text).join('\n')).toContain('Người nuôi cá lồng là lao động tự do');

    const yaml = await staff.get('/admin/knowledge/export.yaml');
    const doc = parse(yaml.html) as { new_entries: unknown[] };
    expect(entrySchema.parse(doc.new_entries[0])).toMatchObject({ id: 'staff-fish-farmers', reviewed: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) });
  });

  it('dismisses a group without teaching the bot anything', async () => {
    const s = await server();
    await addStaff(s.app, 'lan', 'reviewer');
    await ask(s, 'u1', 'mua bảo hiểm cho trâu bò ở đâu');
    const staff = await signIn(s.url, 'lan', 'lan-password-123');
    const ids = groupIds((await staff.get('/admin/questions')).html, 'trâu bò');
    expect((await staff.post('/admin/questions/dismiss', { ids, reason: 'out-of-scope' })).status).toBe(303);
    expect((await staff.get('/admin/questions')).html).not.toContain('trâu bò');
    expect(s.app.knowledge.changes()).toEqual([]);
    expect(await ask(s, 'u2', 'mua bảo hiểm cho trâu bò ở đâu')).toMatchObject({ kind: 'fallback' });
  });
});

describe('staff console: questions sent to staff', () => {
  it('lists them by status and moves one from new to answered', async () => {
    const s = await server();
    await addStaff(s.app, 'lan', 'reviewer');
    s.app.staffQueue.add({ question: 'Tôi muốn hỏi về sổ BHXH bị sai năm sinh', contact: null, channel: 'zalo', at: s.app.clock() });
    const staff = await signIn(s.url, 'lan', 'lan-password-123');
    const page = await staff.get('/admin/requests');
    expect(page.html).toContain('sổ BHXH bị sai năm sinh');
    expect(page.html).toContain('không để lại liên hệ');
    const id = /action="\/admin\/requests\/(\d+)\/status"/.exec(page.html)![1]!;
    expect((await staff.post(`/admin/requests/${id}/status`, { status: 'answered' })).status).toBe(303);
    expect((await staff.get('/admin/requests')).html).not.toContain('sai năm sinh');
    expect((await staff.get('/admin/requests?status=answered')).html).toContain('sai năm sinh');
    expect((await staff.post(`/admin/requests/${id}/status`, { status: 'deleted' })).status).toBe(400);
    expect((await staff.post('/admin/requests/99999/status', { status: 'closed' })).status).toBe(404);
  });
});
