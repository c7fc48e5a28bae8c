/**
 * The review queue's groups in SQLite (see queue-migration.ts): the grouper's reads and writes (questions
 * still to group, forms, groups, merges) and the console's (a page of groups in order, what it shows of each,
 * search). Every read a page makes goes through an index and is bounded: a page of groups, a group's title,
 * top wordings and tags, the search in ranges of question ids.
 */
import type { Channel, QueueKind } from '../../core/types.js';
import { guard, StorageError } from '../storage-error.js';
import type { Db } from './database.js';

export interface PendingQuestion {
  id: number;
  kind: QueueKind;
  text: string;
  folded: string;
  channel: Channel;
  createdAt: number;
  given: string | null;
}

export interface GroupRow {
  id: number;
  /** Open questions in the group. */
  open: number;
  firstSeen: number;
  lastSeen: number;
  /** Distinct wordings. */
  texts: number;
  /** The newest question's id. */
  lastId: number;
}

export interface MemberRow {
  id: number;
  text: string;
  channel: Channel;
  createdAt: number;
  given: string | null;
}

export type QueueCounts = Record<QueueKind, { questions: number; groups: number }>;

export function createSqliteQueueGroups(db: Db) {
  const pending = db.prepare<[number], PendingQuestion>(
    "SELECT id, kind, text, folded, channel, created_at AS createdAt, given FROM unanswered WHERE form_id IS NULL AND status = 'new' ORDER BY id LIMIT ?",
  );
  // (The unary + keeps SQLite from reading these through the index by kind, which would visit the whole queue.)
  const pendingOf = db.prepare<[string], { n: number }>("SELECT COUNT(*) AS n FROM unanswered WHERE form_id IS NULL AND status = 'new' AND +kind = ?");
  const pendingAll = db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM unanswered WHERE form_id IS NULL AND status = 'new'");
  const anyPending = db.prepare<[], { id: number }>("SELECT id FROM unanswered WHERE form_id IS NULL AND status = 'new' LIMIT 1");
  const formOf = db.prepare<[string, string], { id: number; groupId: number }>('SELECT id, group_id AS groupId FROM queue_forms WHERE kind = ? AND folded = ?');
  const newGroup = db.prepare<[string]>('INSERT INTO queue_groups (kind) VALUES (?)');
  const newForm = db.prepare<[string, string, number]>('INSERT INTO queue_forms (kind, folded, group_id) VALUES (?, ?, ?)');
  const columns = 'id, open, first_seen AS firstSeen, last_seen AS lastSeen, texts, last_id AS lastId';
  const group = db.prepare<[number], GroupRow>(`SELECT ${columns} FROM queue_groups WHERE id = ?`);
  const move = ['queue_forms', 'queue_texts', 'queue_tags'].map((t) => db.prepare<[number, number]>(`UPDATE ${t} SET group_id = ? WHERE group_id = ?`));
  const widen = db.prepare<[number, number, number, number, number, number, number, number]>(
    `UPDATE queue_groups SET open = open + ?, texts = texts + ?, last_id = MAX(last_id, ?),
     first_seen = MIN(COALESCE(first_seen, ?), ?), last_seen = MAX(COALESCE(last_seen, ?), ?) WHERE id = ?`,
  );
  const text = db.prepare<[number, string, number, number, number, number]>(
    `INSERT INTO queue_texts (form_id, text, group_id, n, marks, last_at, last_id) VALUES (?, ?, ?, 1, ?, ?, ?)
     ON CONFLICT (form_id, text) DO UPDATE SET n = n + 1, last_id = CASE WHEN (excluded.last_at, excluded.last_id) > (last_at, last_id)
     THEN excluded.last_id ELSE last_id END, last_at = MAX(last_at, excluded.last_at)`,
  );
  const tag = db.prepare<[number, string, number, number]>(
    `INSERT INTO queue_tags (form_id, tag, group_id, n, last_at) VALUES (?, ?, ?, 1, ?)
     ON CONFLICT (form_id, tag) DO UPDATE SET n = n + 1, last_at = MAX(last_at, excluded.last_at)`,
  );
  const lastId = db.prepare<[number, number]>('UPDATE queue_groups SET last_id = MAX(last_id, ?) WHERE id = ?');
  const empty = db.prepare<[number]>('UPDATE queue_groups SET open = 0, texts = 0 WHERE id = ?');
  const assign = db.prepare<[number, string, number]>('UPDATE unanswered SET form_id = ?, plain = ? WHERE id = ? AND form_id IS NULL');
  const searchRow = db.prepare<[number, string]>('INSERT INTO unanswered_search (rowid, plain) VALUES (?, ?)');
  const tidy = db.prepare<[number]>("INSERT INTO unanswered_search (unanswered_search, rank) VALUES ('merge', ?)");
  const changes = db.prepare<[], { n: number }>('SELECT total_changes() AS n');
  const liveForms = db.prepare<[number, number], { id: number; kind: QueueKind; folded: string; groupId: number }>(
    'SELECT id, kind, folded, group_id AS groupId FROM queue_forms WHERE id > ? ORDER BY id LIMIT ?',
  );
  const anyGone = db.prepare<[], { n: number }>('SELECT 1 AS n FROM queue_forms_gone LIMIT 1');
  const gone = db.prepare<[number], { formId: number; kind: QueueKind }>('SELECT form_id AS formId, kind FROM queue_forms_gone ORDER BY form_id LIMIT ?');
  const forgetGone = db.prepare<[number]>('DELETE FROM queue_forms_gone WHERE form_id <= ?');
  const counts = db.prepare<[], { kind: QueueKind; questions: number; groups: number }>('SELECT kind, questions, groups FROM queue_counts');
  const page = db.prepare<[string, number, number], GroupRow>(
    `SELECT ${columns} FROM queue_groups WHERE kind = ? AND open > 0 ORDER BY open DESC, last_seen DESC, id DESC LIMIT ? OFFSET ?`,
  );
  const groupRow = db.prepare<[number], GroupRow>(`SELECT ${columns} FROM queue_groups WHERE id = ? AND open > 0`);
  const formsOfGroup = db.prepare<[number], { id: number }>('SELECT id FROM queue_forms WHERE group_id = ? ORDER BY id');
  const title = db.prepare<[number], { text: string }>('SELECT text FROM queue_texts WHERE group_id = ? ORDER BY marks DESC, last_at DESC, last_id DESC LIMIT 1');
  const wordings = db.prepare<[number, number], { text: string; count: number }>(
    'SELECT text, n AS count FROM queue_texts WHERE group_id = ? ORDER BY n DESC, last_at DESC, last_id DESC LIMIT ?',
  );
  const hasTag = db.prepare<[number, string], { n: number }>('SELECT 1 AS n FROM queue_tags WHERE group_id = ? AND tag = ? LIMIT 1');
  const given = db.prepare<[number, number], { entry: string }>(
    "SELECT substr(tag, 7) AS entry, MAX(last_at) AS at FROM queue_tags WHERE group_id = ? AND tag >= 'given:' AND tag < 'given;' GROUP BY tag ORDER BY at DESC LIMIT ?",
  );
  const members = db.prepare<[number, number, number, number], MemberRow>(
    "SELECT id, text, channel, created_at AS createdAt, given FROM unanswered WHERE form_id = ? AND status = 'new' AND id > ? AND id <= ? ORDER BY id LIMIT ?",
  );
  const maxId = db.prepare<[], { n: number | null }>('SELECT MAX(id) AS n FROM unanswered');
  const search = db.prepare<[string, number, number, string], { groupId: number }>(
    `SELECT f.group_id AS groupId FROM unanswered_search s JOIN unanswered u ON u.id = s.rowid JOIN queue_forms f ON f.id = u.form_id
     WHERE unanswered_search MATCH ? AND s.rowid > ? AND s.rowid <= ? AND +u.kind = ? AND +u.status = 'new'`,
  );
  const scan = db.prepare<[number, number, string, string], { groupId: number }>(
    `SELECT f.group_id AS groupId FROM unanswered u JOIN queue_forms f ON f.id = u.form_id
     WHERE u.id > ? AND u.id <= ? AND +u.kind = ? AND +u.status = 'new' AND instr(u.plain, ?) > 0`,
  );

  return {
    /**
     * Runs fn in one write transaction, without waiting for a lock another process holds: undefined then (the
     * grouper is background work; it tries again later instead of holding the event loop for the busy timeout).
     * Its commit does not wait for the disk (synchronous NORMAL, the WAL still keeps the file whole): what it
     * writes is derived from the questions, and a batch lost to a power cut leaves them to group again. A
     * flush to disk costs 6–9 ms on a small VM; the bot's own turns keep the connection's setting.
     */
    transaction<T>(fn: () => T): T | undefined {
      const wait = db.pragma('busy_timeout', { simple: true }) as number;
      const sync = db.pragma('synchronous', { simple: true }) as number;
      db.pragma('busy_timeout = 0');
      db.pragma('synchronous = NORMAL');
      try {
        return guard('grouping the review queue', () => db.transaction(fn).immediate());
      } catch (err) {
        if (err instanceof StorageError && err.code.startsWith('SQLITE_BUSY')) return undefined;
        throw err;
      } finally {
        db.pragma(`busy_timeout = ${wait}`);
        db.pragma(`synchronous = ${sync}`);
      }
    },
    /** The oldest questions not grouped yet. */
    pending: (limit: number) => guard('reading the review queue', () => pending.all(limit)),
    hasPending: () => guard('reading the review queue', () => anyPending.get() !== undefined),
    /** Questions still to group, of a kind or of all. */
    pendingCount: (kind?: QueueKind) => guard('reading the review queue', () => (kind ? pendingOf.get(kind)! : pendingAll.get()!).n),
    form: (kind: QueueKind, folded: string) => formOf.get(kind, folded),
    newGroup: (kind: QueueKind) => Number(newGroup.run(kind).lastInsertRowid),
    newForm: (kind: QueueKind, folded: string, groupId: number) => Number(newForm.run(kind, folded, groupId).lastInsertRowid),
    /** Moves every form of group `from` into group `into`, with its figures; `from` is deleted. */
    merge(into: number, from: number): void {
      const g = group.get(from);
      if (!g || into === from) return;
      for (const m of move) m.run(into, from);
      empty.run(from);
      widen.run(g.open, g.texts, g.lastId, g.firstSeen, g.firstSeen, g.lastSeen, g.lastSeen, into);
    },
    /**
     * Puts a question in its form (the triggers count it in), its wording (with its number of diacritics) and
     * tags in the group's figures, its folded text in the search index.
     */
    assign(q: PendingQuestion, formId: number, groupId: number, plain: string, marks: number): void {
      if (assign.run(formId, plain, q.id).changes !== 1) return;
      searchRow.run(q.id, plain);
      text.run(formId, q.text, groupId, marks, q.createdAt, q.id);
      tag.run(formId, `channel:${q.channel}`, groupId, q.createdAt);
      if (q.given) tag.run(formId, `given:${q.given}`, groupId, q.createdAt);
      lastId.run(q.id, groupId);
    },
    /** A bounded step of merging the search index's segments (at most `pages` pages); false when none was left. */
    tidySearch(pages: number): boolean {
      return guard('tidying the search index', () => {
        const before = changes.get()!.n;
        tidy.run(pages);
        return changes.get()!.n - before > 1; // the command itself counts one change
      });
    },
    /** The live forms after `afterId`, to rebuild the grouper's index. */
    liveForms: (afterId: number, limit: number) => guard('reading the review queue', () => liveForms.all(afterId, limit)),
    /** Whether forms were deleted since the last `takeGone`. */
    hasGone: () => guard('reading the review queue', () => anyGone.get() !== undefined),
    /** Forms deleted since the last call (no open question left), taken off the list. */
    takeGone(limit: number): { formId: number; kind: QueueKind }[] {
      return guard('reading the review queue', () => {
        const list = gone.all(limit);
        if (list.length) forgetGone.run(list[list.length - 1]!.formId);
        return list;
      });
    },
    counts(): QueueCounts {
      return guard('counting the review queue', () => {
        const out: QueueCounts = { fallback: { questions: 0, groups: 0 }, misroute: { questions: 0, groups: 0 }, sampled: { questions: 0, groups: 0 } };
        for (const r of counts.all()) out[r.kind] = { questions: r.questions, groups: r.groups };
        return out;
      });
    },
    /** One page of a kind's groups: most questions first, then the most recently asked. */
    groups: (kind: QueueKind, limit: number, offset: number) => guard('reading the review queue', () => page.all(kind, limit, offset)),
    /** A group with open questions. */
    group: (id: number) => guard('reading the review queue', () => groupRow.get(id)),
    formsOfGroup: (groupId: number) => guard('reading the review queue', () => formsOfGroup.all(groupId).map((r) => r.id)),
    /** The wording with the most diacritics, the most recent among equals. */
    title: (groupId: number) => guard('reading the review queue', () => title.get(groupId)?.text ?? ''),
    /** The most frequent wordings, the most recent first among equals. */
    wordings: (groupId: number, limit: number) => guard('reading the review queue', () => wordings.all(groupId, limit)),
    hasTag: (groupId: number, tag: string) => guard('reading the review queue', () => hasTag.get(groupId, tag) !== undefined),
    /** The entries the bot gave, the most recently given first. */
    given: (groupId: number, limit: number) => guard('reading the review queue', () => given.all(groupId, limit).map((r) => r.entry)),
    /** A form's open questions with afterId < id ≤ upTo, oldest first. */
    members: (formId: number, afterId: number, upTo: number, limit: number) => guard('reading the review queue', () => members.all(formId, afterId, upTo, limit)),
    maxQuestionId: () => guard('reading the review queue', () => maxId.get()!.n ?? 0),
    /** Groups of open questions of a kind, with afterId < id ≤ upTo, whose search text contains the phrase (≥ 3 letters). */
    searchRange: (kind: QueueKind, phrase: string, afterId: number, upTo: number) =>
      guard('searching the review queue', () => search.all(`"${phrase.replace(/"/g, '""')}"`, afterId, upTo, kind).map((r) => r.groupId)),
    /** The same for a needle of one or two letters, which the trigram index cannot find: a scan of the range. */
    scanRange: (kind: QueueKind, needle: string, afterId: number, upTo: number) =>
      guard('searching the review queue', () => scan.all(afterId, upTo, kind, needle).map((r) => r.groupId)),
  };
}

export type SqliteQueueGroups = ReturnType<typeof createSqliteQueueGroups>;
