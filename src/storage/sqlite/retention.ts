/**
 * Retention: what the bot no longer needs is deleted on a schedule. Idle conversation state, questions staff
 * have resolved (attached, answered, dismissed), staff requests answered or closed (with any contact left), and
 * the platform update ids kept to drop redelivered updates (kept at least 24 hours: Telegram redelivers within
 * that time), and replies the platforms never took within that time (sealed; stale by then).
 */
import { guard } from '../storage-error.js';
import type { Db } from './database.js';

export interface RetentionCutoffs {
  /** Conversation state not touched since then is deleted. */
  idleStateBefore: number;
  /** Resolved questions and finished staff requests older than this are deleted. */
  resolvedBefore: number;
  /** Update ids claimed before this are forgotten. */
  dedupeBefore: number;
}

export interface PurgeCounts {
  sessions: number;
  unanswered: number;
  staffRequests: number;
  updates: number;
  outbox: number;
}

export function createSqliteRetention(db: Db) {
  const sessions = db.prepare('DELETE FROM sessions WHERE updated_at < ?');
  const unanswered = db.prepare("DELETE FROM unanswered WHERE status <> 'new' AND COALESCE(resolved_at, created_at) < ?");
  const requests = db.prepare("DELETE FROM staff_requests WHERE status <> 'new' AND COALESCE(updated_at, created_at) < ?");
  const updates = db.prepare('DELETE FROM processed_updates WHERE created_at < ?');
  const outbox = db.prepare('DELETE FROM outbox WHERE created_at < ?');
  const run = db.transaction((c: RetentionCutoffs): PurgeCounts => ({
    sessions: sessions.run(c.idleStateBefore).changes,
    unanswered: unanswered.run(c.resolvedBefore).changes,
    staffRequests: requests.run(c.resolvedBefore).changes,
    updates: updates.run(c.dedupeBefore).changes,
    outbox: outbox.run(c.dedupeBefore).changes,
  }));
  return {
    purge(cutoffs: RetentionCutoffs): PurgeCounts {
      return guard('purging old data', () => run.immediate(cutoffs));
    },
  };
}
