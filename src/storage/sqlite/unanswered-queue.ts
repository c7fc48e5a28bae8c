/** The queue of questions the bot could not answer, already redacted by the caller. */
import type { Channel, UnansweredQuestion, UnansweredQueue } from '../../core/types.js';
import { guard } from '../storage-error.js';
import type { Db } from './database.js';

export interface StoredUnanswered {
  id: number;
  text: string;
  folded: string;
  channel: Channel;
  createdAt: number;
  nearest: { id: string; score: number }[];
  status: string;
}

export type Resolution = 'attached' | 'answered' | 'dismissed';

export function createSqliteUnansweredQueue(db: Db) {
  const insert = db.prepare(
    'INSERT INTO unanswered (text, folded, channel, created_at, nearest) VALUES (?, ?, ?, ?, ?)',
  );
  const select = db.prepare<[string, number], { id: number; text: string; folded: string; channel: Channel; created_at: number; nearest: string; status: string }>(
    'SELECT id, text, folded, channel, created_at, nearest, status FROM unanswered WHERE status = ? ORDER BY created_at DESC, id DESC LIMIT ?',
  );
  const resolve = db.prepare("UPDATE unanswered SET status = ?, resolution = ?, resolved_at = ? WHERE id = ? AND status = 'new'");
  const resolveMany = db.transaction((ids: readonly number[], status: Resolution, resolution: string, at: number) =>
    ids.reduce((n, id) => n + resolve.run(status, resolution, at, id).changes, 0),
  );
  const queue: UnansweredQueue & {
    list(status?: string, limit?: number): StoredUnanswered[];
    resolve(ids: readonly number[], status: Resolution, resolution: string, at: number): number;
  } = {
    add(q: UnansweredQuestion) {
      guard('saving an unanswered question', () => insert.run(q.text, q.folded, q.channel, q.at, JSON.stringify(q.nearest)));
    },
    list(status = 'new', limit = 200) {
      return guard('listing unanswered questions', () =>
        select.all(status, limit).map((r) => ({
          id: r.id,
          text: r.text,
          folded: r.folded,
          channel: r.channel,
          createdAt: r.created_at,
          nearest: JSON.parse(r.nearest) as { id: string; score: number }[],
          status: r.status,
        })),
      );
    },
    /** Marks still-open questions as resolved (attached to an entry, answered by a new one, dismissed). */
    resolve(ids, status, resolution, at) {
      return guard('resolving unanswered questions', () => resolveMany(ids, status, resolution, at));
    },
  };
  return queue;
}
