/** What staff taught the bot from the console, kept as a log applied over knowledge/ (see knowledge/live-knowledge.ts). */
import { guard } from '../storage-error.js';
import type { Db } from './database.js';

export type KnowledgeChange =
  | { id: number; kind: 'attach'; entryId: string; questions: string[]; staff: string; createdAt: number }
  | { id: number; kind: 'entry'; entryId: string; entry: unknown; staff: string; createdAt: number };

type NewChange = { kind: 'attach'; entryId: string; questions: string[] } | { kind: 'entry'; entryId: string; entry: unknown };

export function createSqliteKnowledgeChanges(db: Db) {
  const insert = db.prepare('INSERT INTO knowledge_changes (kind, entry_id, body, staff, created_at) VALUES (?, ?, ?, ?, ?)');
  const select = db.prepare<[], { id: number; kind: 'attach' | 'entry'; entry_id: string; body: string; staff: string; created_at: number }>(
    'SELECT id, kind, entry_id, body, staff, created_at FROM knowledge_changes WHERE reverted = 0 ORDER BY id',
  );
  const revert = db.prepare('UPDATE knowledge_changes SET reverted = 1 WHERE id = ? AND reverted = 0');
  let unreadable: { id: number; why: string }[] = [];
  return {
    add(change: NewChange, staff: string, at: number): number {
      const body = change.kind === 'attach' ? { questions: change.questions } : { entry: change.entry };
      return guard('saving a knowledge change', () => Number(insert.run(change.kind, change.entryId, JSON.stringify(body), staff, at).lastInsertRowid));
    },
    /** Changes in force, oldest first; a row that cannot be read is left out and named in problems(). */
    list(): KnowledgeChange[] {
      unreadable = [];
      const out: KnowledgeChange[] = [];
      for (const r of guard('reading knowledge changes', () => select.all())) {
        let body: { questions?: unknown; entry?: unknown };
        try {
          body = JSON.parse(r.body) as typeof body;
        } catch {
          unreadable.push({ id: r.id, why: 'its body is not valid JSON' });
          continue;
        }
        const common = { id: r.id, entryId: r.entry_id, staff: r.staff, createdAt: r.created_at };
        if (r.kind === 'entry') out.push({ ...common, kind: 'entry', entry: body?.entry });
        else if (Array.isArray(body?.questions) && body.questions.every((q) => typeof q === 'string')) out.push({ ...common, kind: 'attach', questions: body.questions as string[] });
        else unreadable.push({ id: r.id, why: 'its phrasings are not a list of texts' });
      }
      return out;
    },
    /** The rows the last list() left out, with why. */
    problems: () => unreadable,
    revert(id: number): boolean {
      return guard('reverting a knowledge change', () => revert.run(id).changes === 1);
    },
  };
}
