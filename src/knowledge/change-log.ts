/**
 * Staff changes to the knowledge, as the live knowledge applies them over knowledge/: phrasings attached to an
 * entry, a new entry, an edit of an entry's answer, basis, source or phrasings, an entry retired. The log
 * itself lives in storage (storage/sqlite/knowledge-changes.ts implements ChangeLog).
 */
import { looksEnglish } from '../text/english-glossary.js';
import { normalizeText } from '../text/normalize.js';
import { entrySchema, type KnowledgeEntry } from './schema.js';

export type ChangeStatus = 'live' | 'proposed' | 'rejected';

/** The fields an edit may replace. */
export interface EntryEdit {
  answer?: string;
  answer_en?: string;
  legal_basis?: string;
  source_url?: string;
  questions?: string[];
  questions_en?: string[];
  reviewed?: string;
}
export const EDITABLE_FIELDS = ['answer', 'answer_en', 'legal_basis', 'source_url', 'questions', 'questions_en', 'reviewed'] as const;

export type ChangeBody =
  | { kind: 'attach'; entryId: string; questions: string[] }
  | { kind: 'entry'; entryId: string; entry: unknown }
  | { kind: 'edit'; entryId: string; fields: EntryEdit }
  | { kind: 'retire'; entryId: string };

export type StoredChange = ChangeBody & {
  id: number;
  staff: string;
  createdAt: number;
  status?: ChangeStatus;
  reverted?: boolean;
  decidedBy?: string;
  decidedAt?: number;
  note?: string;
};

export interface ChangeLog {
  add(change: ChangeBody, staff: string, at: number, status?: 'live' | 'proposed'): number;
  /** Live changes, in the order they went live. */
  list(): StoredChange[];
  /** Rows the last list() could not read (a corrupt row), with why. */
  problems?(): { id: number; why: string }[];
  proposals(): StoredChange[];
  history(entryId: string): StoredChange[];
  recent(limit?: number): StoredChange[];
  get(id: number): StoredChange | undefined;
  decide(id: number, status: 'live' | 'rejected', admin: string, note: string, at: number): boolean;
  revert(id: number): boolean;
}

const key = (q: string) => normalizeText(q).folded.join(' ');
export const phrasingKey = key;

/** Applies the change log over the base entries; a change that no longer applies is skipped and reported. */
export function applyChanges(base: readonly KnowledgeEntry[], changes: readonly StoredChange[]): { entries: KnowledgeEntry[]; skipped: { id: number; why: string }[] } {
  let entries = base.map((e) => ({ ...e, questions: [...e.questions] }));
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
      continue;
    }
    const e = byId.get(c.entryId);
    if (!e) {
      skipped.push({ id: c.id, why: `no entry ${c.entryId}` });
      continue;
    }
    if (c.kind === 'attach') {
      // A question written in English joins the English phrasings, which English questions are matched on.
      const have = new Set([...e.questions, ...(e.questions_en ?? [])].map(key));
      for (const q of c.questions) {
        if (have.has(key(q))) continue;
        have.add(key(q));
        if (looksEnglish(q)) e.questions_en = [...(e.questions_en ?? []), q];
        else e.questions.push(q);
      }
    } else if (c.kind === 'edit') {
      const merged = entrySchema.safeParse({ ...e, ...c.fields });
      if (!merged.success) skipped.push({ id: c.id, why: `the edit of ${c.entryId} is not valid` });
      else Object.assign(e, merged.data, { questions: [...merged.data.questions] });
    } else {
      // Retired: gone from the answers, and from the "related" buttons of the others.
      byId.delete(c.entryId);
      entries = entries.filter((x) => x.id !== c.entryId);
      for (const x of entries) if (x.related?.includes(c.entryId)) x.related = x.related.filter((r) => r !== c.entryId);
    }
  }
  return { entries, skipped };
}
