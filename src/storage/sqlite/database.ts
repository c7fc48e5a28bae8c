/**
 * Opens the SQLite file: WAL, a busy timeout, and the schema migrations, run in order at start.
 * `synchronous`: with 'full' (the default) every commit is on disk before the webhook answers 200, so an
 * acknowledged update survives a power cut too (one fsync a message); 'normal' survives a crash of the process
 * (kill -9) but may roll back the last commits on a power cut, for less work per message (DB_SYNC).
 * `secure_delete`: what is deleted (an erased conversation, a purged question) is overwritten with zeros in
 * the file, not left in free pages for anyone with a copy of the file to read.
 */
import { accessSync, constants, existsSync, mkdirSync, readFileSync } from 'node:fs';
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

/** Why the database file cannot be written (a read-only DATA_DIR or file system), or null when it can. */
export function whyNotWritable(file: string): string | null {
  try {
    mkdirSync(dirname(file), { recursive: true });
    accessSync(dirname(file), constants.W_OK);
    if (existsSync(file)) accessSync(file, constants.W_OK);
    // Root passes access() on a read-only mount: try the one write the database needs first.
    const probe = new Database(file);
    try {
      probe.pragma('journal_mode = WAL');
      probe.pragma('user_version', { simple: true });
      probe.exec('BEGIN IMMEDIATE; COMMIT');
    } finally {
      probe.close();
    }
    return null;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    // Only a disk that refuses writes for good; a lock or a full disk is a storage fault the service reports.
    return /^(SQLITE_READONLY|SQLITE_CANTOPEN|SQLITE_PERM|SQLITE_AUTH|EACCES|EROFS|EPERM)/.test(code) ? code : null;
  }
}

/**
 * A read-only answer mode: the database file (when there is one) copied into memory, so that the bot answers
 * with what staff taught it and sign-in works, while nothing is written to the disk.
 */
export function openInMemoryCopy(file: string): Db {
  return guard('opening the database in memory', () => {
    const copy = (): Db => {
      const bytes = readFileSync(file);
      // The file is in WAL mode (header bytes 18–19 are 2), which a copy in memory cannot use: mark it as a
      // rollback-journal database. A clean stop checkpointed the WAL into the file.
      if (bytes.length >= 100) bytes[18] = bytes[19] = 1;
      const db = new Database(bytes);
      db.pragma('user_version', { simple: true }); // reads the header: throws now if the copy is unusable
      return db;
    };
    let db: Db;
    try {
      db = existsSync(file) ? copy() : new Database(':memory:');
    } catch {
      db = new Database(':memory:'); // unreadable too: start empty
    }
    db.pragma('foreign_keys = ON');
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
