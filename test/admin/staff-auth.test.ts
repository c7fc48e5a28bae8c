import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLoginLimiter } from '../../src/admin/auth/login-limiter.js';
import { hashPassword, verifyPassword } from '../../src/admin/auth/password.js';
import { createStaffAuth } from '../../src/admin/auth/staff-auth.js';
import { openDatabase } from '../../src/storage/sqlite/database.js';
import { createSqliteStaffAccounts, createSqliteStaffSessions } from '../../src/storage/sqlite/staff-accounts.js';
import { tempDir } from '../helpers/test-server.js';

describe('staff passwords', () => {
  it('are stored as salted scrypt hashes and checked without throwing on junk', async () => {
    const a = await hashPassword('mật khẩu dài đủ');
    const b = await hashPassword('mật khẩu dài đủ');
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('mật khẩu dài đủ', a)).toBe(true);
    expect(await verifyPassword('mật khẩu dài đủ'.normalize('NFD'), a)).toBe(true);
    expect(await verifyPassword('mat khau dai du', a)).toBe(false);
    for (const junk of ['', 'plain', 'scrypt$0$0$0$$', 'scrypt$99999999999$8$1$a$b', 'bcrypt$x']) expect(await verifyPassword('x', junk)).toBe(false);
  });
});

describe('staff sessions', () => {
  function setup() {
    const db = openDatabase(join(tempDir(), 'a.sqlite'));
    let now = Date.parse('2026-11-25T08:00:00Z');
    const accounts = createSqliteStaffAccounts(db);
    const auth = createStaffAuth({ accounts, sessions: createSqliteStaffSessions(db), limiter: createLoginLimiter(), now: () => now, idleMs: 30 * 60_000, absoluteMs: 8 * 3_600_000 });
    return { db, accounts, auth, tick: (ms: number) => (now += ms) };
  }

  it('end after 30 idle minutes, and after 8 hours however active', async () => {
    const { accounts, auth, tick } = setup();
    accounts.add('lan', 'admin', await hashPassword('mat-khau-rat-dai'), 0);
    const idle = await auth.signIn('lan', 'mat-khau-rat-dai', '127.0.0.1');
    if (idle.kind !== 'ok') throw new Error('no session');
    tick(29 * 60_000);
    expect(auth.session(idle.sessionId)?.name).toBe('lan');
    tick(31 * 60_000);
    expect(auth.session(idle.sessionId)).toBeUndefined();

    const busy = await auth.signIn('lan', 'mat-khau-rat-dai', '127.0.0.1');
    if (busy.kind !== 'ok') throw new Error('no session');
    for (let i = 0; i < 16; i++) {
      tick(29 * 60_000);
      expect(auth.session(busy.sessionId)).toBeDefined();
    }
    tick(29 * 60_000);
    expect(auth.session(busy.sessionId)).toBeUndefined();
  });

  it('stores only a hash of the session id, gives a new id at each sign-in, and drops sessions of a removed account', async () => {
    const { db, accounts, auth } = setup();
    accounts.add('lan', 'admin', await hashPassword('mat-khau-rat-dai'), 0);
    const one = await auth.signIn('lan', 'mat-khau-rat-dai', '1.1.1.1');
    const two = await auth.signIn('lan', 'mat-khau-rat-dai', '1.1.1.1');
    if (one.kind !== 'ok' || two.kind !== 'ok') throw new Error('no session');
    expect(one.sessionId).not.toBe(two.sessionId);
    const stored = db.prepare('SELECT id_hash FROM staff_sessions').all() as { id_hash: string }[];
    expect(stored.map((r) => r.id_hash)).not.toContain(one.sessionId);
    accounts.remove('lan');
    expect(auth.session(one.sessionId)).toBeUndefined();
    expect(auth.session('x'.repeat(5000))).toBeUndefined();
  });

  it('blocks one address guessing one account after five failures; other addresses still sign in', async () => {
    const { accounts, auth } = setup();
    accounts.add('lan', 'admin', await hashPassword('mat-khau-rat-dai'), 0);
    for (let i = 0; i < 5; i++) expect((await auth.signIn('LAN', 'sai', '10.0.0.1')).kind).toBe('wrong');
    expect((await auth.signIn('lan', 'mat-khau-rat-dai', '10.0.0.1')).kind).toBe('blocked');
    expect((await auth.signIn('lan', 'mat-khau-rat-dai', '10.0.0.99')).kind).toBe('ok');
  });
});
