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
  return {
    add(change: NewChange, staff: string, at: number): number {
      const body = change.kind === 'attach' ? { questions: change.questions } : { entry: change.entry };
      return guard('saving a knowledge change', () => Number(insert.run(change.kind, change.entryId, JSON.stringify(body), staff, at).lastInsertRowid));
    },
    /** Changes in force, oldest first. */
    list(): KnowledgeChange[] {
      return guard('reading knowledge changes', () =>
        select.all().map((r) => {
          const body = JSON.parse(r.body) as { questions?: string[]; entry?: unknown };
          const common = { id: r.id, entryId: r.entry_id, staff: r.staff, createdAt: r.created_at };
          return r.kind === 'attach' ? { ...common, kind: 'attach' as const, questions: body.questions ?? [] } : { ...common, kind: 'entry' as const, entry: body.entry };
        }),
      );
    },
    revert(id: number): boolean {
      return guard('reverting a knowledge change', () => revert.run(id).changes === 1);
    },
  };
}
