/** Staff accounts and their console sessions. Passwords arrive already hashed; session ids already hashed. */
import { guard } from '../storage-error.js';
import type { Db } from './database.js';

export type StaffRole = 'admin' | 'reviewer';

export interface StaffAccount {
  name: string;
  role: StaffRole;
  passwordHash: string;
  createdAt: number;
}

export interface StaffSession {
  name: string;
  role: StaffRole;
  csrf: string;
  createdAt: number;
  lastSeen: number;
}

export function createSqliteStaffAccounts(db: Db) {
  const insert = db.prepare('INSERT INTO staff_users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO NOTHING');
  const selectOne = db.prepare<[string], { name: string; role: StaffRole; password_hash: string; created_at: number }>(
    'SELECT name, role, password_hash, created_at FROM staff_users WHERE name = ?',
  );
  const selectAll = db.prepare<[], { name: string; role: StaffRole; password_hash: string; created_at: number }>(
    'SELECT name, role, password_hash, created_at FROM staff_users ORDER BY name',
  );
  const remove = db.prepare('DELETE FROM staff_users WHERE name = ?');
  const setHash = db.prepare('UPDATE staff_users SET password_hash = ? WHERE name = ?');
  const toAccount = (r: { name: string; role: StaffRole; password_hash: string; created_at: number }): StaffAccount => ({
    name: r.name,
    role: r.role,
    passwordHash: r.password_hash,
    createdAt: r.created_at,
  });
  return {
    /** False when the name is taken. */
    add(name: string, role: StaffRole, passwordHash: string, at: number): boolean {
      return guard('adding a staff account', () => insert.run(name, role, passwordHash, at).changes === 1);
    },
    get(name: string): StaffAccount | undefined {
      const r = guard('reading a staff account', () => selectOne.get(name));
      return r ? toAccount(r) : undefined;
    },
    setPasswordHash(name: string, hash: string): void {
      guard('updating a staff password', () => setHash.run(hash, name));
    },
    list(): StaffAccount[] {
      return guard('listing staff accounts', () => selectAll.all().map(toAccount));
    },
    /** Removes the account and (by cascade) its sessions; false when there was none. */
    remove(name: string): boolean {
      return guard('removing a staff account', () => remove.run(name).changes === 1);
    },
  };
}

export function createSqliteStaffSessions(db: Db) {
  const insert = db.prepare('INSERT INTO staff_sessions (id_hash, name, csrf, created_at, last_seen) VALUES (?, ?, ?, ?, ?)');
  const select = db.prepare<[string], { name: string; role: StaffRole; csrf: string; created_at: number; last_seen: number }>(
    'SELECT s.name, u.role, s.csrf, s.created_at, s.last_seen FROM staff_sessions s JOIN staff_users u ON u.name = s.name WHERE s.id_hash = ?',
  );
  const touch = db.prepare('UPDATE staff_sessions SET last_seen = ? WHERE id_hash = ?');
  const remove = db.prepare('DELETE FROM staff_sessions WHERE id_hash = ?');
  const removeOthers = db.prepare('DELETE FROM staff_sessions WHERE name = ? AND id_hash <> ?');
  const purge = db.prepare('DELETE FROM staff_sessions WHERE last_seen < ? OR created_at < ?');
  return {
    create(idHash: string, name: string, csrf: string, at: number): void {
      guard('opening a staff session', () => insert.run(idHash, name, csrf, at, at));
    },
    get(idHash: string): StaffSession | undefined {
      const r = guard('reading a staff session', () => select.get(idHash));
      return r ? { name: r.name, role: r.role, csrf: r.csrf, createdAt: r.created_at, lastSeen: r.last_seen } : undefined;
    },
    touch(idHash: string, at: number): void {
      guard('refreshing a staff session', () => touch.run(at, idHash));
    },
    remove(idHash: string): void {
      guard('closing a staff session', () => remove.run(idHash));
    },
    removeOthers(name: string, keepIdHash: string): void {
      guard('closing staff sessions', () => removeOthers.run(name, keepIdHash));
    },
    /** Drops sessions idle since `idleBefore` or opened before `openedBefore`. */
    purge(idleBefore: number, openedBefore: number): number {
      return guard('purging staff sessions', () => purge.run(idleBefore, openedBefore).changes);
    },
  };
}
