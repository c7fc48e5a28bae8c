/**
 * The queue of questions the bot could not answer, already redacted by the caller, under the asker's opaque
 * key (for "xóa dữ liệu"). Bounded so that a flood cannot bury real questions: at most MAX_PER_PERSON_DAY a
 * person and MAX_PER_DAY in all each Vietnamese day; past that a question is answered but not queued.
 */
import type { Channel, QueueKind, UnansweredQuestion, UnansweredQueue } from '../../core/types.js';
import { vietnamDay, vietnamDayStart } from '../../core/vietnam-calendar.js';
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
  kind: QueueKind;
  /** The entry the bot answered with (misroutes and samples). */
  given?: string;
}

export type Resolution = 'attached' | 'answered' | 'dismissed';

export const MAX_PER_PERSON_DAY = 10;
export const MAX_PER_DAY = 3_000;

export function createSqliteUnansweredQueue(db: Db) {
  const insert = db.prepare(
    'INSERT INTO unanswered (text, folded, channel, created_at, nearest, user_key, kind, given) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const perPerson = db.prepare<[string, number], { n: number }>('SELECT COUNT(*) AS n FROM unanswered WHERE user_key = ? AND created_at >= ?');
  const perDay = db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM unanswered WHERE created_at >= ?');
  const forget = db.prepare('DELETE FROM unanswered WHERE user_key = ?');
  type Row = { id: number; text: string; folded: string; channel: Channel; created_at: number; nearest: string; status: string; kind: QueueKind; given: string | null };
  const columns = 'id, text, folded, channel, created_at, nearest, status, kind, given';
  const select = db.prepare<[string, number], Row>(`SELECT ${columns} FROM unanswered WHERE status = ? ORDER BY created_at DESC, id DESC LIMIT ?`);
  const selectKind = db.prepare<[string, string, number], Row>(`SELECT ${columns} FROM unanswered WHERE status = ? AND kind = ? ORDER BY created_at DESC, id DESC LIMIT ?`);
  const countKinds = db.prepare<[string], { kind: QueueKind; n: number }>('SELECT kind, COUNT(*) AS n FROM unanswered WHERE status = ? GROUP BY kind');
  // The open queue's counts are kept by triggers (see the migration that groups the queue): no scan of the queue.
  const countOpen = db.prepare<[], { kind: QueueKind; n: number }>('SELECT kind, questions AS n FROM queue_counts');
  const openOne = db.prepare<[number], { id: number; text: string }>("SELECT id, text FROM unanswered WHERE id = ? AND status = 'new'");
  const resolve = db.prepare("UPDATE unanswered SET status = ?, resolution = ?, resolved_at = ? WHERE id = ? AND status = 'new'");
  const resolveMany = db.transaction((ids: readonly number[], status: Resolution, resolution: string, at: number) =>
    ids.reduce((n, id) => n + resolve.run(status, resolution, at, id).changes, 0),
  );
  const queue: UnansweredQueue & {
    forget(userKey: string): number;
    list(status?: string, limit?: number, kind?: QueueKind): StoredUnanswered[];
    countByKind(status?: string): Record<QueueKind, number>;
    open(ids: readonly number[]): { id: number; text: string }[];
    resolve(ids: readonly number[], status: Resolution, resolution: string, at: number): number;
  } = {
    add(q: UnansweredQuestion) {
      return guard('saving an unanswered question', () => {
        const since = vietnamDayStart(vietnamDay(q.at));
        if (perPerson.get(q.userKey, since)!.n >= MAX_PER_PERSON_DAY || perDay.get(since)!.n >= MAX_PER_DAY) return false;
        insert.run(q.text, q.folded, q.channel, q.at, JSON.stringify(q.nearest), q.userKey, q.kind ?? 'fallback', q.given ?? null);
        return true;
      });
    },
    /** Erases what this person left in the queue ("xóa dữ liệu"); returns how many. */
    forget(userKey: string): number {
      return guard('erasing questions', () => forget.run(userKey).changes);
    },
    list(status = 'new', limit = 200, kind) {
      return guard('listing unanswered questions', () =>
        (kind ? selectKind.all(status, kind, limit) : select.all(status, limit)).map((r) => ({
          id: r.id,
          text: r.text,
          folded: r.folded,
          channel: r.channel,
          createdAt: r.created_at,
          nearest: JSON.parse(r.nearest) as { id: string; score: number }[],
          status: r.status,
          kind: r.kind,
          ...(r.given ? { given: r.given } : {}),
        })),
      );
    },
    countByKind(status = 'new') {
      return guard('counting the review queue', () => {
        const out: Record<QueueKind, number> = { fallback: 0, misroute: 0, sampled: 0 };
        for (const r of status === 'new' ? countOpen.all() : countKinds.all(status)) out[r.kind] = r.n;
        return out;
      });
    },
    /** The questions among `ids` still open, in the order given. */
    open(ids) {
      return guard('reading unanswered questions', () => ids.flatMap((id) => openOne.get(id) ?? []));
    },
    /** Marks still-open questions as resolved (attached to an entry, answered by a new one, dismissed). */
    resolve(ids, status, resolution, at) {
      return guard('resolving unanswered questions', () => resolveMany(ids, status, resolution, at));
    },
  };
  return queue;
}
