/**
 * What staff changed in the knowledge from the console, kept as a log applied over knowledge/ (see
 * knowledge/live-knowledge.ts). A change is live (applied, in the order it went live), proposed (a reviewer's,
 * waiting for an admin) or rejected; an admin can revert a live one. Nothing is deleted: the log is the history.
 */
import type { ChangeBody, ChangeStatus, StoredChange } from '../../knowledge/change-log.js';
import { guard } from '../storage-error.js';
import type { Db } from './database.js';

export type KnowledgeChange = StoredChange & { status: ChangeStatus; reverted: boolean };

type Row = {
  id: number;
  kind: ChangeBody['kind'];
  entry_id: string;
  body: string;
  staff: string;
  created_at: number;
  status: ChangeStatus;
  reverted: number;
  decided_by: string | null;
  decided_at: number | null;
  note: string | null;
};

const COLUMNS = 'id, kind, entry_id, body, staff, created_at, status, reverted, decided_by, decided_at, note';

/** A row as a change, or why it cannot be read. */
function fromRow(r: Row): KnowledgeChange | string {
  let body: { questions?: unknown; entry?: unknown; fields?: unknown };
  try {
    body = JSON.parse(r.body) as typeof body;
  } catch {
    return 'its body is not valid JSON';
  }
  const common = {
    id: r.id,
    entryId: r.entry_id,
    staff: r.staff,
    createdAt: r.created_at,
    status: r.status,
    reverted: r.reverted === 1,
    ...(r.decided_by ? { decidedBy: r.decided_by } : {}),
    ...(r.decided_at !== null ? { decidedAt: r.decided_at } : {}),
    ...(r.note ? { note: r.note } : {}),
  };
  switch (r.kind) {
    case 'entry':
      return { ...common, kind: 'entry', entry: body?.entry };
    case 'retire':
      return { ...common, kind: 'retire' };
    case 'edit':
      return body && typeof body.fields === 'object' && body.fields !== null ? { ...common, kind: 'edit', fields: body.fields as Extract<ChangeBody, { kind: 'edit' }>['fields'] } : 'its fields are not an object';
    default:
      return Array.isArray(body?.questions) && body.questions.every((q) => typeof q === 'string')
        ? { ...common, kind: 'attach', questions: body.questions as string[] }
        : 'its phrasings are not a list of texts';
  }
}

export function createSqliteKnowledgeChanges(db: Db) {
  const insert = db.prepare('INSERT INTO knowledge_changes (kind, entry_id, body, staff, created_at, status, applied_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const live = db.prepare<[], Row>(`SELECT ${COLUMNS} FROM knowledge_changes WHERE reverted = 0 AND status = 'live' ORDER BY COALESCE(applied_at, created_at), id`);
  const proposed = db.prepare<[], Row>(`SELECT ${COLUMNS} FROM knowledge_changes WHERE reverted = 0 AND status = 'proposed' ORDER BY id`);
  const ofEntry = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM knowledge_changes WHERE entry_id = ? ORDER BY id DESC LIMIT 100`);
  const recent = db.prepare<[number], Row>(`SELECT ${COLUMNS} FROM knowledge_changes ORDER BY id DESC LIMIT ?`);
  const one = db.prepare<[number], Row>(`SELECT ${COLUMNS} FROM knowledge_changes WHERE id = ?`);
  const decide = db.prepare("UPDATE knowledge_changes SET status = ?, decided_by = ?, decided_at = ?, note = ?, applied_at = ? WHERE id = ? AND status = 'proposed' AND reverted = 0");
  const revert = db.prepare("UPDATE knowledge_changes SET reverted = 1 WHERE id = ? AND reverted = 0 AND status = 'live'");
  let unreadable: { id: number; why: string }[] = [];
  const read = (rows: Row[], report: boolean): KnowledgeChange[] => {
    if (report) unreadable = [];
    const out: KnowledgeChange[] = [];
    for (const r of rows) {
      const c = fromRow(r);
      if (typeof c === 'string') {
        if (report) unreadable.push({ id: r.id, why: c });
      } else out.push(c);
    }
    return out;
  };
  return {
    add(change: ChangeBody, staff: string, at: number, status: 'live' | 'proposed' = 'live'): number {
      const body = change.kind === 'attach' ? { questions: change.questions } : change.kind === 'entry' ? { entry: change.entry } : change.kind === 'edit' ? { fields: change.fields } : {};
      return guard('saving a knowledge change', () => Number(insert.run(change.kind, change.entryId, JSON.stringify(body), staff, at, status, status === 'live' ? at : null).lastInsertRowid));
    },
    /** Changes in force, in the order they went live; a row that cannot be read is left out and named in problems(). */
    list(): KnowledgeChange[] {
      return read(guard('reading knowledge changes', () => live.all()), true);
    },
    /** Reviewers' changes waiting for an admin, oldest first. */
    proposals(): KnowledgeChange[] {
      return read(guard('reading proposed changes', () => proposed.all()), false);
    },
    /** Every change of one entry (live, proposed, rejected, reverted), newest first. */
    history(entryId: string): KnowledgeChange[] {
      return read(guard('reading an entry history', () => ofEntry.all(entryId)), false);
    },
    /** The newest changes of any status, newest first. */
    recent(limit = 200): KnowledgeChange[] {
      return read(guard('reading knowledge changes', () => recent.all(limit)), false);
    },
    get(id: number): KnowledgeChange | undefined {
      const r = guard('reading a knowledge change', () => one.get(id));
      const c = r ? fromRow(r) : undefined;
      return typeof c === 'string' ? undefined : c;
    },
    /** An admin's decision on a proposal: it goes live (applied from now) or is rejected, with a note. */
    decide(id: number, status: 'live' | 'rejected', admin: string, note: string, at: number): boolean {
      return guard('deciding on a proposed change', () => decide.run(status, admin, at, note || null, status === 'live' ? at : null, id).changes === 1);
    },
    /** The rows the last list() left out, with why. */
    problems: () => unreadable,
    revert(id: number): boolean {
      return guard('reverting a knowledge change', () => revert.run(id).changes === 1);
    },
  };
}
