/** Conversation state per user key, as versioned JSON. Unreadable or stale rows read as "no state". */
import type { ConversationState, SessionStore } from '../../core/types.js';
import { guard } from '../storage-error.js';
import type { Db } from './database.js';

export function createSqliteSessionStore(db: Db, clock: () => number = Date.now): SessionStore {
  const get = db.prepare<[string], { state: string }>('SELECT state FROM sessions WHERE user_key = ?');
  const put = db.prepare(
    'INSERT INTO sessions (user_key, state, updated_at) VALUES (?, ?, ?) ON CONFLICT (user_key) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at',
  );
  const del = db.prepare('DELETE FROM sessions WHERE user_key = ?');
  return {
    get(userKey) {
      const row = guard('reading a session', () => get.get(userKey));
      if (!row) return undefined;
      try {
        const parsed = JSON.parse(row.state) as ConversationState;
        return parsed && typeof parsed === 'object' && typeof parsed.version === 'number' ? parsed : undefined;
      } catch {
        return undefined;
      }
    },
    set(userKey, state) {
      guard('saving a session', () => put.run(userKey, JSON.stringify(state), clock()));
    },
    delete(userKey) {
      guard('deleting a session', () => del.run(userKey));
    },
  };
}
