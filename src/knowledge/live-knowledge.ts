/**
 * The knowledge in force: knowledge/ as loaded at start, plus what staff changed in the console (phrasings
 * attached, new entries, edits, retired entries), kept in a change log in storage. An admin's change goes live
 * at once; a reviewer's is a proposal until an admin approves it (the two-person rule). Every change is
 * validated with the same schema as the files, before it is saved and again when it is approved; the index is
 * rebuilt and swapped at once (no restart), and the log can be exported as YAML for knowledge/.
 */
import { stringify } from 'yaml';
import type { FaqIndex } from '../core/faq.js';
import { applyChanges, phrasingKey as key, type ChangeBody, type ChangeLog, type EntryEdit, type StoredChange } from './change-log.js';
import { createFaqIndex } from './faq-index.js';
import { checkEntries, type KnowledgeBase } from './loader.js';
import { entrySchema, type KnowledgeEntry } from './schema.js';

export { applyChanges, type ChangeLog, type StoredChange } from './change-log.js';

/** live: applied at once (an admin); propose: waits for an admin (a reviewer). */
export type ChangeMode = 'live' | 'propose';
export type ChangeResult = { ok: true; id: number; added: number; proposed: boolean } | { ok: false; problem: string };

export interface LiveKnowledge {
  faq(): FaqIndex;
  entries(): readonly KnowledgeEntry[];
  /** Live changes, in the order they went live. */
  changes(): StoredChange[];
  proposals(): StoredChange[];
  /** Every change of one entry, newest first (live, proposed, rejected, reverted). */
  history(entryId: string): StoredChange[];
  recent(limit?: number): StoredChange[];
  /** Adds question phrasings to an entry; phrasings it already has (same folded text) are skipped. */
  attach(entryId: string, questions: readonly string[], staff: string, at: number, mode?: ChangeMode): ChangeResult;
  /** Adds a new entry, validated like the files. */
  addEntry(raw: unknown, staff: string, at: number, mode?: ChangeMode): ChangeResult;
  /** Replaces an entry's answer, legal basis, source, phrasings or reviewed date. */
  edit(entryId: string, fields: EntryEdit, staff: string, at: number, mode?: ChangeMode): ChangeResult;
  /** Takes an entry out of the answers. */
  retire(entryId: string, staff: string, at: number, mode?: ChangeMode): ChangeResult;
  /** An admin approves a proposal (checked again against today's knowledge) or rejects it, with a note. */
  approve(changeId: number, admin: string, note: string, at: number): ChangeResult;
  reject(changeId: number, admin: string, note: string, at: number): boolean;
  revert(changeId: number): boolean;
  /** The change log as a YAML document for review. */
  exportYaml(at: number): string;
}

export function createLiveKnowledge(base: KnowledgeBase, log: ChangeLog, onSkipped: (why: string) => void = () => {}): LiveKnowledge {
  let entries: KnowledgeEntry[] = [];
  let index!: FaqIndex;
  const check = (list: readonly KnowledgeEntry[]) => checkEntries(list.map((entry) => ({ file: 'knowledge', entry })));
  const rebuild = () => {
    const changes = log.list();
    for (const p of log.problems?.() ?? []) onSkipped(`knowledge change ${p.id} skipped: ${p.why}`);
    let applied = applyChanges(base.entries, changes);
    try {
      check(applied.entries);
    } catch {
      // One change breaks the whole (a duplicate phrasing, say): apply them one by one and leave out, by
      // name, each that breaks it, instead of refusing to start.
      let kept: StoredChange[] = [];
      for (const c of changes) {
        try {
          check(applyChanges(base.entries, [...kept, c]).entries);
          kept = [...kept, c];
        } catch (err) {
          onSkipped(`knowledge change ${c.id} skipped: ${(err as Error).message}`);
        }
      }
      applied = applyChanges(base.entries, kept);
    }
    for (const s of applied.skipped) onSkipped(`knowledge change ${s.id} skipped: ${s.why}`);
    entries = applied.entries;
    index = createFaqIndex(entries, base);
  };
  rebuild();
  /** Why the knowledge would no longer hold together with this change, or null. */
  const wouldBreak = (change: ChangeBody): string | null => {
    const probe: StoredChange = { ...change, id: -1, staff: '', createdAt: 0 };
    const applied = applyChanges(base.entries, [...log.list(), probe]);
    const skipped = applied.skipped.find((s) => s.id === -1);
    if (skipped) return skipped.why;
    try {
      check(applied.entries);
      return null;
    } catch (err) {
      return (err as Error).message;
    }
  };
  const save = (change: ChangeBody, staff: string, at: number, mode: ChangeMode, added: number): ChangeResult => {
    const refused = wouldBreak(change);
    if (refused) return { ok: false, problem: refused };
    const id = log.add(change, staff, at, mode === 'live' ? 'live' : 'proposed');
    if (mode === 'live') rebuild();
    return { ok: true, id, added, proposed: mode !== 'live' };
  };
  const oosIds = new Set(base.outOfScope.map((t) => t.id));
  const entry = (id: string) => entries.find((e) => e.id === id);
  return {
    faq: () => index,
    entries: () => entries,
    changes: () => log.list(),
    proposals: () => log.proposals(),
    history: (entryId) => log.history(entryId),
    recent: (limit) => log.recent(limit),
    attach(entryId, questions, staff, at, mode = 'live') {
      const e = entry(entryId);
      if (!e) return { ok: false, problem: 'unknown-entry' };
      const have = new Set([...e.questions, ...(e.questions_en ?? [])].map(key));
      const fresh = [...new Map(questions.map((q) => [key(q), q.trim().slice(0, 300)])).entries()].filter(([k, q]) => k !== '' && q !== '' && !have.has(k)).map(([, q]) => q);
      if (fresh.length === 0) return { ok: false, problem: 'nothing-new' };
      return save({ kind: 'attach', entryId, questions: fresh }, staff, at, mode, fresh.length);
    },
    addEntry(raw, staff, at, mode = 'live') {
      const parsed = entrySchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return { ok: false, problem: `${issue.path.join('.') || 'entry'}: ${issue.message}` };
      }
      if (entries.some((e) => e.id === parsed.data.id) || oosIds.has(parsed.data.id)) return { ok: false, problem: `id: ${parsed.data.id} exists` };
      for (const rel of parsed.data.related ?? []) {
        if (!entries.some((e) => e.id === rel)) return { ok: false, problem: `related: unknown entry ${rel}` };
      }
      return save({ kind: 'entry', entryId: parsed.data.id, entry: parsed.data }, staff, at, mode, 1);
    },
    edit(entryId, fields, staff, at, mode = 'live') {
      const e = entry(entryId);
      if (!e) return { ok: false, problem: 'unknown-entry' };
      const merged = entrySchema.safeParse({ ...e, ...fields });
      if (!merged.success) {
        const issue = merged.error.issues[0]!;
        return { ok: false, problem: `${issue.path.join('.') || 'entry'}: ${issue.message}` };
      }
      const changed = Object.fromEntries(Object.entries(fields).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify((e as Record<string, unknown>)[k])));
      if (Object.keys(changed).length === 0) return { ok: false, problem: 'nothing-new' };
      return save({ kind: 'edit', entryId, fields: changed as EntryEdit }, staff, at, mode, 1);
    },
    retire(entryId, staff, at, mode = 'live') {
      if (!entry(entryId)) return { ok: false, problem: 'unknown-entry' };
      return save({ kind: 'retire', entryId }, staff, at, mode, 1);
    },
    approve(changeId, admin, note, at) {
      const c = log.get(changeId);
      if (!c || c.status !== 'proposed' || c.reverted) return { ok: false, problem: 'not-a-proposal' };
      const refused = wouldBreak(c);
      if (refused) return { ok: false, problem: refused };
      if (!log.decide(changeId, 'live', admin, note, at)) return { ok: false, problem: 'not-a-proposal' };
      rebuild();
      return { ok: true, id: changeId, added: 1, proposed: false };
    },
    reject(changeId, admin, note, at) {
      return log.decide(changeId, 'rejected', admin, note, at);
    },
    revert(changeId) {
      const done = log.revert(changeId);
      if (done) rebuild();
      return done;
    },
    exportYaml(at) {
      const changes = log.list();
      const topicOf = new Map(base.entries.map((e) => [e.id, e.topic]));
      const fileOf = (id: string) => (topicOf.has(id) ? `knowledge/${topicOf.get(id)}.yaml` : '(a new entry above)');
      const doc = {
        new_entries: changes.flatMap((c) => (c.kind === 'entry' ? [c.entry] : [])),
        new_phrasings: changes.flatMap((c) => (c.kind === 'attach' ? [{ entry: c.entryId, file: fileOf(c.entryId), questions: c.questions, by: c.staff }] : [])),
        edits: changes.flatMap((c) => (c.kind === 'edit' ? [{ entry: c.entryId, file: fileOf(c.entryId), replace: c.fields, by: c.staff }] : [])),
        retired: changes.flatMap((c) => (c.kind === 'retire' ? [{ entry: c.entryId, file: fileOf(c.entryId), by: c.staff }] : [])),
      };
      const header = [
        `# Knowledge changed in the staff console, exported ${new Date(at).toISOString()}.`,
        '# To commit it: paste each of new_entries under `entries:` of knowledge/<topic>.yaml, add each list of',
        '# new_phrasings under `questions:` of that entry, replace the fields listed under edits, delete the',
        '# retired entries, and run `npm run kb:check`. Once the files carry them, the console skips these',
        '# changes by itself (same id, same phrasing).',
      ].join('\n');
      return `${header}\n${stringify(doc, { lineWidth: 0 })}`;
    },
  };
}
