/** A staff member changes their own password: the current one is checked, the new one twice; other sessions end. */
import { afterEach, describe, expect, it } from 'vitest';
import { addStaff, postLogin, signIn } from '../helpers/staff.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let s: TestServer | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('staff: change one\'s own password', () => {
  it('needs the current password and the new one twice, ends the other sessions, and the new one signs in', async () => {
    s = await startTestServer();
    await addStaff(s.app, 'minh', 'reviewer', 'mat-khau-cu-123');
    const here = await signIn(s.url, 'minh', 'mat-khau-cu-123');
    const elsewhere = await signIn(s.url, 'minh', 'mat-khau-cu-123');
    const form = (await here.get('/admin/password')).html;
    expect(form).toContain('Mật khẩu hiện tại');
    expect((await here.get('/admin/questions')).html).toContain('href="/admin/password"');

    expect((await here.post('/admin/password', { current: 'mat-khau-cu-123', next: 'mat-khau-moi-456', again: 'mat-khau-moi-456' }, { csrf: null })).status).toBe(403);
    const wrong = await here.post('/admin/password', { current: 'doan-bua-999', next: 'mat-khau-moi-456', again: 'mat-khau-moi-456' });
    expect(wrong.status).toBe(401);
    expect(wrong.html).toContain('Mật khẩu hiện tại không đúng.');
    const mismatch = await here.post('/admin/password', { current: 'mat-khau-cu-123', next: 'mat-khau-moi-456', again: 'mat-khau-moi-457' });
    expect(mismatch.status).toBe(400);
    expect((await here.post('/admin/password', { current: 'mat-khau-cu-123', next: 'ngan', again: 'ngan' })).status).toBe(400);
    expect((await elsewhere.get('/admin/questions')).status).toBe(200); // nothing changed yet

    const done = await here.post('/admin/password', { current: 'mat-khau-cu-123', next: 'mat-khau-moi-456', again: 'mat-khau-moi-456' });
    expect(done.status).toBe(200);
    expect(done.html).toContain('Đã đổi mật khẩu');
    expect((await here.get('/admin/questions')).status).toBe(200);
    expect((await elsewhere.get('/admin/questions')).status).toBe(303);
    expect((await postLogin(s.url, 'minh', 'mat-khau-cu-123')).status).toBe(401);
    expect((await postLogin(s.url, 'minh', 'mat-khau-moi-456')).status).toBe(303);
  });

  it('counts wrong current passwords like sign-in failures, so an open session cannot be used to guess', async () => {
    s = await startTestServer();
    await addStaff(s.app, 'minh', 'reviewer', 'mat-khau-cu-123');
    const staff = await signIn(s.url, 'minh', 'mat-khau-cu-123');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await staff.post('/admin/password', { current: `doan-${i}-mat-khau`, next: 'mat-khau-moi-456', again: 'mat-khau-moi-456' })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
  });
});
