import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src/app.js';
import { addStaff, groupIds, signIn } from '../helpers/staff.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let s: TestServer | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const XSS = ['<script>alert(1)</script> giá vàng hôm nay', '<img src=x onerror=alert(2)> đóng bảo hiểm', '<svg onload=alert(3)>', '[x](javascript:alert(4)) và data:text/html,<b>x</b>'];

describe('staff console security', () => {
  it('shows questions carrying markup as text, never as markup', async () => {
    s = await startTestServer();
    await addStaff(s.app, 'lan', 'reviewer');
    for (const [i, text] of XSS.entries()) await s.chat({ user: `x${i}`, text });
    const staff = await signIn(s.url, 'lan', 'lan-password-123');
    const { html } = await staff.get('/admin/questions');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).not.toMatch(/<script>alert|<img src=x|<svg onload/);
    expect(html).not.toContain('href="javascript:');
    // The new-entry form carries the same text inside a textarea, escaped too.
    const ids = groupIds(html, 'alert(1)');
    const form = await staff.get(`/admin/questions/new?ids=${ids}`);
    expect(form.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(form.html).not.toContain('<script>alert');
  });

  it('refuses a change without the CSRF token, or with another session’s token, and changes nothing', async () => {
    s = await startTestServer();
    await addStaff(s.app, 'lan', 'admin');
    await s.chat({ user: 'u', text: 'mua bảo hiểm cho trâu bò ở đâu' });
    const staff = await signIn(s.url, 'lan', 'lan-password-123');
    const other = await signIn(s.url, 'lan', 'lan-password-123');
    const ids = groupIds((await staff.get('/admin/questions')).html, 'trâu bò');
    const none = await staff.post('/admin/questions/dismiss', { ids }, { csrf: null });
    expect(none.status).toBe(403);
    expect(none.html).toContain('Yêu cầu không hợp lệ');
    const foreign = await staff.post('/admin/questions/dismiss', { ids }, { csrf: await other.csrf() });
    expect(foreign.status).toBe(403);
    expect((await staff.post('/admin/users', { name: 'evil', role: 'admin', password: 'evil-password-1' }, { csrf: 'x' })).status).toBe(403);
    expect(s.app.staffAccounts.list().map((a) => a.name)).toEqual(['lan']);
    // Look-alike names are refused: a Cyrillic "а" in "lаn", and "Lân" that reads as "lan".
    for (const name of ['l\u0430n', 'Lân', 'LAN']) {
      const r = await staff.post('/admin/users', { name, role: 'admin', password: 'look-alike-password-1' });
      expect({ name, status: r.status }).toEqual({ name, status: 400 });
    }
    expect((await staff.post('/admin/users', { name: 'lân.nguyễn', role: 'reviewer', password: 'look-alike-password-1' })).status).toBe(303);
    expect(s.app.staffAccounts.list().map((a) => a.name).sort()).toEqual(['lan', 'lân.nguyễn']);
    expect((await staff.get('/admin/questions')).html).toContain('trâu bò');
    // A GET never changes anything: there is no GET route for an action.
    expect((await staff.get(`/admin/questions/dismiss?ids=${ids}`)).status).toBe(404);
  });

  it('lets a reviewer work the queue but not manage accounts or revert changes', async () => {
    s = await startTestServer();
    await addStaff(s.app, 'minh', 'reviewer');
    await addStaff(s.app, 'lan', 'admin');
    const reviewer = await signIn(s.url, 'minh', 'minh-password-123');
    expect((await reviewer.get('/admin/questions')).html).not.toContain('href="/admin/users"');
    expect((await reviewer.get('/admin/users')).status).toBe(403);
    expect((await reviewer.post('/admin/users', { name: 'friend', role: 'admin', password: 'friend-password-1' })).status).toBe(403);
    expect((await reviewer.post('/admin/users/remove', { name: 'lan' })).status).toBe(403);
    expect(s.app.staffAccounts.list().map((a) => a.name)).toEqual(['lan', 'minh']);
    const change = s.app.knowledge.attach('vol-what-is', ['Người nuôi ong có đóng BHXH tự nguyện được không'], 'lan', s.app.clock());
    expect(change.ok).toBe(true);
    const id = change.ok ? change.id : 0;
    expect((await reviewer.post(`/admin/knowledge/${id}/revert`, {})).status).toBe(403);
    expect(s.app.knowledge.changes()).toHaveLength(1);

    const admin = await signIn(s.url, 'lan', 'lan-password-123');
    expect((await admin.post('/admin/users', { name: 'hoa', role: 'reviewer', password: 'hoa-password-123' })).status).toBe(303);
    expect((await admin.get('/admin/users')).html).toContain('hoa');
    expect((await admin.post(`/admin/knowledge/${id}/revert`, {})).status).toBe(303);
    expect(s.app.knowledge.changes()).toHaveLength(0);
  });

  it('treats SQL-looking input and search wildcards as plain text', async () => {
    s = await startTestServer();
    await addStaff(s.app, 'lan', 'admin');
    const sql = "'; DROP TABLE unanswered; -- bảo hiểm xe máy";
    await s.chat({ user: 'u', text: sql });
    const staff = await signIn(s.url, 'lan', 'lan-password-123');
    expect((await staff.get('/admin/questions')).html).toContain('&#39;; DROP TABLE unanswered; --');
    for (const q of ['%', '_', "' OR 1=1 --", '%_%']) {
      const r = await staff.get(`/admin/questions?q=${encodeURIComponent(q)}`);
      expect(r.status).toBe(200);
    }
    expect((await staff.get(`/admin/questions?q=${encodeURIComponent('DROP TABLE')}`)).html).toContain('DROP TABLE');
    expect((await staff.get('/admin/questions?q=%25')).html).toContain('Không có câu hỏi nào khớp');
    const weird = await staff.post('/admin/questions/attach', { ids: "1) OR 1=1 --", entry: "vol-what-is' --" });
    expect(weird.status).toBeLessThan(500);
    const badUser = await staff.post('/admin/users', { name: "x'; DELETE FROM staff_users; --", role: 'admin', password: 'long-enough-pass' });
    expect(badUser.status).toBe(400);
    const db = new Database(join(s.dataDir, DATABASE_FILE), { readonly: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => (r as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(['unanswered', 'staff_users', 'sessions']));
    expect(db.prepare('SELECT COUNT(*) AS n FROM staff_users').get()).toEqual({ n: 1 });
    db.close();
  });

  it('sends the security headers and a CSP with every console page, and no-store caching', async () => {
    s = await startTestServer();
    await addStaff(s.app, 'lan', 'admin');
    const staff = await signIn(s.url, 'lan', 'lan-password-123');
    for (const path of ['/admin/login', '/admin/questions', '/admin/dashboard', '/admin/report.csv']) {
      const r = path === '/admin/login' ? await fetch(s.url + path) : (await staff.get(path));
      const headers = 'headers' in r ? r.headers : new Headers();
      expect(headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(headers.get('x-frame-options')).toBe('DENY');
      expect(headers.get('cache-control')).toBe('no-store');
    }
  });
});
