/**
 * The knowledge in force: knowledge/ as loaded at start, plus what staff taught the bot in the console (new
 * phrasings attached to an entry, new entries), kept in a change log in storage. Every change is validated
 * with the same schema as the files, the index is rebuilt and swapped at once (no restart), and the log can be
 * exported as YAML to be reviewed and committed back into knowledge/.
 */
import { stringify } from 'yaml';
import type { FaqIndex } from '../core/faq.js';
import { normalizeText } from '../text/normalize.js';
import { createFaqIndex } from './faq-index.js';
import { checkEntries, type KnowledgeBase } from './loader.js';
import { entrySchema, type KnowledgeEntry } from './schema.js';

export type StoredChange =
  | { id: number; kind: 'attach'; entryId: string; questions: string[]; staff: string; createdAt: number }
  | { id: number; kind: 'entry'; entryId: string; entry: unknown; staff: string; createdAt: number };

export interface ChangeLog {
  add(change: { kind: 'attach'; entryId: string; questions: string[] } | { kind: 'entry'; entryId: string; entry: unknown }, staff: string, at: number): number;
  list(): StoredChange[];
  /** Rows the last list() could not read (a corrupt row), with why. */
  problems?(): { id: number; why: string }[];
  revert(id: number): boolean;
}

export type ChangeResult = { ok: true; id: number; added: number } | { ok: false; problem: string };

export interface LiveKnowledge {
  faq(): FaqIndex;
  entries(): readonly KnowledgeEntry[];
  changes(): StoredChange[];
  /** Adds question phrasings to an entry; phrasings it already has (same folded text) are skipped. */
  attach(entryId: string, questions: readonly string[], staff: string, at: number): ChangeResult;
  /** Adds a new entry, validated like the files. */
  addEntry(raw: unknown, staff: string, at: number): ChangeResult;
  revert(changeId: number): boolean;
  /** The change log as a YAML document for review. */
  exportYaml(at: number): string;
}

const key = (q: string) => normalizeText(q).folded.join(' ');

/** Applies the change log over the base entries; a change that no longer applies is skipped and reported. */
export function applyChanges(base: readonly KnowledgeEntry[], changes: readonly StoredChange[]): { entries: KnowledgeEntry[]; skipped: { id: number; why: string }[] } {
  const entries = base.map((e) => ({ ...e, questions: [...e.questions] }));
  const byId = new Map(entries.map((e) => [e.id, e]));
  const skipped: { id: number; why: string }[] = [];
  for (const c of changes) {
    if (c.kind === 'entry') {
      const parsed = entrySchema.safeParse(c.entry);
      if (!parsed.success) skipped.push({ id: c.id, why: 'not a valid entry' });
      else if (byId.has(parsed.data.id)) skipped.push({ id: c.id, why: `entry ${parsed.data.id} exists` });
      else {
        const e = { ...parsed.data, questions: [...parsed.data.questions] };
        entries.push(e);
        byId.set(e.id, e);
      }
    } else {
      const e = byId.get(c.entryId);
      if (!e) {
        skipped.push({ id: c.id, why: `no entry ${c.entryId}` });
        continue;
      }
      const have = new Set(e.questions.map(key));
      for (const q of c.questions) if (!have.has(key(q))) (e.questions.push(q), have.add(key(q)));
    }
  }
  return { entries, skipped };
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
    index = createFaqIndex(entries, base.outOfScope, base.anchors);
  };
  rebuild();
  /** Why the knowledge would no longer hold together with this change (checked before it is saved), or null. */
  const wouldBreak = (change: StoredChange): string | null => {
    try {
      check(applyChanges(base.entries, [...log.list(), change]).entries);
      return null;
    } catch (err) {
      return (err as Error).message;
    }
  };
  const oosIds = new Set(base.outOfScope.map((t) => t.id));
  return {
    faq: () => index,
    entries: () => entries,
    changes: () => log.list(),
    attach(entryId, questions, staff, at) {
      const entry = entries.find((e) => e.id === entryId);
      if (!entry) return { ok: false, problem: 'unknown-entry' };
      const have = new Set(entry.questions.map(key));
      const fresh = [...new Map(questions.map((q) => [key(q), q.trim().slice(0, 300)])).entries()].filter(([k, q]) => k !== '' && q !== '' && !have.has(k)).map(([, q]) => q);
      if (fresh.length === 0) return { ok: false, problem: 'nothing-new' };
      const refused = wouldBreak({ id: -1, kind: 'attach', entryId, questions: fresh, staff, createdAt: at });
      if (refused) return { ok: false, problem: refused };
      const id = log.add({ kind: 'attach', entryId, questions: fresh }, staff, at);
      rebuild();
      return { ok: true, id, added: fresh.length };
    },
    addEntry(raw, staff, at) {
      const parsed = entrySchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return { ok: false, problem: `${issue.path.join('.') || 'entry'}: ${issue.message}` };
      }
      if (entries.some((e) => e.id === parsed.data.id) || oosIds.has(parsed.data.id)) return { ok: false, problem: `id: ${parsed.data.id} exists` };
      for (const rel of parsed.data.related ?? []) {
        if (!entries.some((e) => e.id === rel)) return { ok: false, problem: `related: unknown entry ${rel}` };
      }
      const refused = wouldBreak({ id: -1, kind: 'entry', entryId: parsed.data.id, entry: parsed.data, staff, createdAt: at });
      if (refused) return { ok: false, problem: refused };
      const id = log.add({ kind: 'entry', entryId: parsed.data.id, entry: parsed.data }, staff, at);
      rebuild();
      return { ok: true, id, added: 1 };
    },
    revert(changeId) {
      const done = log.revert(changeId);
      if (done) rebuild();
      return done;
    },
    exportYaml(at) {
      const changes = log.list();
      const topicOf = new Map(base.entries.map((e) => [e.id, e.topic]));
      const doc = {
        new_entries: changes.flatMap((c) => (c.kind === 'entry' ? [c.entry] : [])),
        new_phrasings: changes.flatMap((c) =>
          c.kind === 'attach' ? [{ entry: c.entryId, file: topicOf.has(c.entryId) ? `knowledge/${topicOf.get(c.entryId)}.yaml` : '(a new entry above)', questions: c.questions, by: c.staff }] : [],
        ),
      };
      const header = [
        `# Knowledge taught in the staff console, exported ${new Date(at).toISOString()}.`,
        '# To commit it: paste each of new_entries under `entries:` of knowledge/<topic>.yaml, add each list of',
        '# new_phrasings under `questions:` of that entry, and run `npm run kb:check`. Once the files carry them,',
        '# the console skips these changes by itself (same id, same phrasing).',
      ].join('\n');
      return `${header}\n${stringify(doc, { lineWidth: 0 })}`;
    },
  };
}
