/**
 * Opens the SQLite file: WAL, a busy timeout, and the schema migrations, run in order at start.
 * `synchronous`: with 'full' (the default) every commit is on disk before the webhook answers 200, so an
 * acknowledged update survives a power cut too (one fsync a message); 'normal' survives a crash of the process
 * (kill -9) but may roll back the last commits on a power cut, for less work per message (DB_SYNC).
 * `secure_delete`: what is deleted (an erased conversation, a purged question) is overwritten with zeros in
 * the file, not left in free pages for anyone with a copy of the file to read.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { guard } from '../storage-error.js';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

export type SyncMode = 'full' | 'normal';

export function openDatabase(file: string, options: { synchronous?: SyncMode } = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  return guard('opening the database', () => {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON');
    migrate(db);
    return db;
  });
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}

/** Runs fn inside one BEGIN IMMEDIATE transaction: all its writes land together or not at all. */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return guard('transaction', () => db.transaction(fn).immediate());
}
