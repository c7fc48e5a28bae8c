/**
 * Retention: what the bot no longer needs is deleted on a schedule. Idle conversation state; unanswered
 * questions, staff requests (with any contact left) and replies given up (dead letters) older than
 * RETENTION_DAYS, whether staff handled them or not; and the platform update ids kept to drop redelivered
 * updates (kept at least 24 hours: Telegram redelivers within that time). The wall clock can jump: update ids are never purged by age
 * alone (the newest DEDUPE_KEEP_NEWEST always stay), and unsent replies are never purged at all (the outbox
 * sender gives them up, into the dead letters, after a deadline of its own).
 */
import { guard } from '../storage-error.js';
import type { Db } from './database.js';

export interface RetentionCutoffs {
  /** Conversation state not touched since then is deleted. */
  idleStateBefore: number;
  /** Unanswered questions, staff requests and dead letters older than this are deleted. */
  resolvedBefore: number;
  /** Update ids claimed before this are forgotten. */
  dedupeBefore: number;
}

export interface PurgeCounts {
  sessions: number;
  unanswered: number;
  staffRequests: number;
  updates: number;
  deadLetters: number;
}

/** Update ids always kept, whatever their age: a clock stepped forward must not let a redelivery in twice. */
export const DEDUPE_KEEP_NEWEST = 10_000;

/**
 * Questions of the review queue deleted by one purge: each updates the queue's figures (triggers), so a long
 * purge takes several calls, the bot answering in between (the service calls again while this many went).
 */
export const UNANSWERED_PER_PURGE = 100;

export function createSqliteRetention(db: Db) {
  const sessions = db.prepare('DELETE FROM sessions WHERE updated_at < ?');
  // Everything people left for staff goes after the retention period, answered or not: that is the promise.
  const unanswered = db.prepare(`DELETE FROM unanswered WHERE id IN (SELECT id FROM unanswered WHERE created_at < ? LIMIT ${UNANSWERED_PER_PURGE})`);
  const requests = db.prepare('DELETE FROM staff_requests WHERE created_at < ?');
  const updates = db.prepare(`DELETE FROM processed_updates WHERE created_at < ?
    AND created_at < (SELECT created_at FROM processed_updates ORDER BY created_at DESC LIMIT 1 OFFSET ${DEDUPE_KEEP_NEWEST - 1})`);
  const dead = db.prepare('DELETE FROM outbox_dead WHERE dead_at < ?');
  const run = db.transaction((c: RetentionCutoffs): PurgeCounts => ({
    sessions: sessions.run(c.idleStateBefore).changes,
    unanswered: unanswered.run(c.resolvedBefore).changes,
    staffRequests: requests.run(c.resolvedBefore).changes,
    updates: updates.run(c.dedupeBefore).changes,
    deadLetters: dead.run(c.resolvedBefore).changes,
  }));
  return {
    purge(cutoffs: RetentionCutoffs): PurgeCounts {
      return guard('purging old data', () => run.immediate(cutoffs));
    },
  };
}
