/**
 * Hardening item 2: sign-in guessing. The review got 39 of 40 concurrent wrong passwords checked (the limiter
 * counted after the slow hash), wiped an active block with 5,001 new addresses, and locked every staff member
 * out behind a proxy with five typos. Each attack is performed here against the fixed service.
 */
import { scryptSync, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createLoginLimiter } from '../../src/admin/auth/login-limiter.js';
import { needsRehash } from '../../src/admin/auth/password.js';
import { addStaff, loginForm, postLogin } from '../helpers/staff.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const servers: TestServer[] = [];
const server = async (env: Record<string, string> = {}) => {
  const s = await startTestServer(env);
  servers.push(s);
  return s;
};
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

describe('the sign-in limiter', () => {
  it('counts an attempt before the password is checked', () => {
    const limiter = createLoginLimiter({ now: () => 0 });
    const attempt = { address: '10.0.0.1', account: 'lan' };
    // Forty attempts arrive before any password check has finished.
    const allowed = Array.from({ length: 40 }, () => limiter.begin(attempt)).filter((wait) => wait === 0);
    expect(allowed).toHaveLength(5);
  });

  it('keeps a block however many new addresses try, and stays bounded', () => {
    let t = 0;
    const limiter = createLoginLimiter({ now: () => t, maxKeys: 1_000 });
    for (let i = 0; i < 20; i++) limiter.begin({ address: '10.9.9.9', account: `name-${i}` });
    expect(limiter.begin({ address: '10.9.9.9', account: 'lan' })).toBeGreaterThan(0);
    for (let i = 0; i < 5_001; i++) limiter.begin({ address: `10.1.${i >> 8}.${i & 255}`, account: `x${i}` });
    t += 1_000;
    expect(limiter.begin({ address: '10.9.9.9', account: 'lan' })).toBeGreaterThan(0);
  });

  it('slows an account guessed at from many addresses, never locks it for a quarter of an hour', () => {
    let t = 0;
    const limiter = createLoginLimiter({ now: () => t });
    for (let i = 0; i < 10; i++) limiter.begin({ address: `10.2.0.${i}`, account: 'lan' });
    const wait = limiter.begin({ address: '10.3.0.1', account: 'lan' });
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(30_000);
    t += 30_001;
    expect(limiter.begin({ address: '10.3.0.1', account: 'lan' })).toBe(0);
  });

  it('runs on a monotonic clock: a step back of the wall clock does not lift a block', () => {
    let mono = 0;
    const limiter = createLoginLimiter({ now: () => mono });
    for (let i = 0; i < 5; i++) limiter.begin({ address: '10.4.0.1', account: 'lan' });
    mono += 1_000;
    expect(limiter.begin({ address: '10.4.0.1', account: 'lan' })).toBeGreaterThan(0);
  });
});

describe('signing in through the service', () => {
  it('forty concurrent tries: at most five passwords are checked and the right one among them is not let in', async () => {
    const s = await server();
    await addStaff(s.app, 'lan', 'admin', 'dung-mat-khau-123');
    const tries = Array.from({ length: 40 }, (_, i) => postLogin(s.url, 'lan', i === 39 ? 'dung-mat-khau-123' : `sai-${i}-mat-khau`));
    const statuses = (await Promise.all(tries)).map((r) => r.status);
    expect(statuses.filter((x) => x === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((x) => x === 429).length).toBeGreaterThanOrEqual(34);
    expect(statuses[39]).not.toBe(303);
  });

  it('behind a trusted proxy, one person’s typos do not lock out a colleague signing in from elsewhere', async () => {
    const s = await server({ TRUST_PROXY: 'true' });
    await addStaff(s.app, 'lan', 'admin', 'dung-mat-khau-123');
    for (let i = 0; i < 6; i++) await postLogin(s.url, 'lan', `go-nham-${i}-mat-khau`, { 'x-forwarded-for': '203.0.113.7' });
    expect((await postLogin(s.url, 'lan', 'dung-mat-khau-123', { 'x-forwarded-for': '203.0.113.7' })).status).toBe(429);
    expect((await postLogin(s.url, 'lan', 'dung-mat-khau-123', { 'x-forwarded-for': '198.51.100.20' })).status).toBe(303);
  });

  it('refuses a sign-in form posted without its CSRF token, and limits sign-in requests per address', async () => {
    const s = await server();
    await addStaff(s.app, 'lan', 'admin', 'dung-mat-khau-123');
    const form = await loginForm(s.url);
    const noToken = await fetch(`${s.url}/admin/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: form.cookie }, body: new URLSearchParams({ name: 'lan', password: 'dung-mat-khau-123' }), redirect: 'manual' });
    expect(noToken.status).toBe(403);
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const r = await fetch(`${s.url}/admin/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=a&password=b', redirect: 'manual' });
      statuses.push(r.status);
    }
    expect(statuses).toContain(429);
  });

  it('upgrades a password stored with weaker scrypt parameters at the next sign-in', async () => {
    const s = await server();
    const salt = randomBytes(16);
    const old = ['scrypt', 2 ** 14, 8, 1, salt.toString('base64url'), scryptSync('dung-mat-khau-123', salt, 32, { N: 2 ** 14, r: 8, p: 1 }).toString('base64url')].join('$');
    s.app.staffAccounts.add('cu', 'admin', old, s.app.clock());
    expect(needsRehash(s.app.staffAccounts.get('cu')!.passwordHash)).toBe(true);
    expect((await postLogin(s.url, 'cu', 'dung-mat-khau-123')).status).toBe(303);
    const stored = s.app.staffAccounts.get('cu')!.passwordHash;
    expect(stored.split('$')[1]).toBe(String(2 ** 17));
    expect((await postLogin(s.url, 'cu', 'dung-mat-khau-123')).status).toBe(303);
  });
});

describe('the chat API', () => {
  it('has a per-address request limit', async () => {
    const s = await server({ HTTP_RATE_LIMIT_PER_MINUTE: '5' });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await s.chat({ user: `u${i}`, text: 'bhxh la gi' })).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses[6]).toBe(429);
  });
});
