/**
 * Loads and validates every knowledge file in a folder. A bad file stops start-up with a ContentError naming
 * the file and the field; ids must be unique across files and "related" ids must exist.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { ContentError } from './content-error.js';
import { knowledgeFileSchema, OUT_OF_SCOPE_FILE, outOfScopeFileSchema, type KnowledgeEntry, type OutOfScopeTopic } from './schema.js';

function fieldPath(issue: z.core.$ZodIssue, data: unknown): string {
  const parts: string[] = [];
  let node: unknown = data;
  for (const key of issue.path) {
    if (typeof key === 'number') {
      const id = node && typeof node === 'object' && Array.isArray(node) ? (node[key] as { id?: unknown })?.id : undefined;
      parts.push(typeof id === 'string' ? `[${key}](${id})` : `[${key}]`);
    } else {
      parts.push(parts.length ? `.${String(key)}` : String(key));
    }
    node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key as PropertyKey] : undefined;
  }
  return parts.join('') || '(file)';
}

function parseWith<T>(file: string, source: string, schema: z.ZodType<T>): T {
  let data: unknown;
  try {
    data = parse(source, { prettyErrors: true });
  } catch (err) {
    throw new ContentError(file, '(yaml)', (err as Error).message.split('\n')[0] ?? 'invalid YAML');
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ContentError(file, fieldPath(issue, data), issue.message);
  }
  return result.data;
}

/** Parses and validates one YAML text; `file` is used in error messages only. */
export function parseKnowledgeFile(file: string, source: string): KnowledgeEntry[] {
  return parseWith(file, source, knowledgeFileSchema).entries;
}

/** The out-of-scope topics and in-scope anchors of a knowledge folder (none when the file is absent). */
export function loadOutOfScope(dir: string): { topics: OutOfScopeTopic[]; anchors: string[]; anchorsEn: string[] } {
  const path = join(dir, OUT_OF_SCOPE_FILE);
  if (!existsSync(path)) return { topics: [], anchors: [], anchorsEn: [] };
  const file = parseWith(OUT_OF_SCOPE_FILE, readFileSync(path, 'utf8'), outOfScopeFileSchema);
  return { topics: file.out_of_scope, anchors: file.in_scope_anchors, anchorsEn: file.in_scope_anchors_en };
}

/** Cross-file checks: unique ids, existing related ids. */
export function checkEntries(entries: readonly { file: string; entry: KnowledgeEntry }[]): void {
  const seen = new Map<string, string>();
  for (const { file, entry } of entries) {
    const other = seen.get(entry.id);
    if (other) throw new ContentError(file, `id(${entry.id})`, `duplicate id, also in ${other}`);
    seen.set(entry.id, file);
  }
  for (const { file, entry } of entries) {
    for (const rel of entry.related ?? []) {
      if (!seen.has(rel)) throw new ContentError(file, `[${entry.id}].related`, `unknown entry id "${rel}"`);
    }
  }
}

/** Loads every *.yaml / *.yml file in `dir`, sorted by name. */
export function loadKnowledgeDir(dir: string): KnowledgeEntry[] {
  const files = readdirSync(dir)
    .filter((f) => (f.endsWith('.yaml') || f.endsWith('.yml')) && f !== OUT_OF_SCOPE_FILE)
    .sort();
  if (files.length === 0) throw new ContentError(dir, '(folder)', 'no knowledge files');
  const all: { file: string; entry: KnowledgeEntry }[] = [];
  for (const f of files) {
    const path = join(dir, f);
    for (const entry of parseKnowledgeFile(basename(path), readFileSync(path, 'utf8'))) all.push({ file: f, entry });
  }
  checkEntries(all);
  return all.map((x) => x.entry);
}

export interface KnowledgeBase {
  entries: KnowledgeEntry[];
  outOfScope: OutOfScopeTopic[];
  /** Phrases that mark a question as in scope (out-of-scope topics then do not compete). */
  anchors: string[];
  /** The same for English questions. */
  anchorsEn: string[];
}

/** The whole knowledge folder: entries and out-of-scope topics, validated; ids must not clash. */
export function loadKnowledgeBase(dir: string): KnowledgeBase {
  const entries = loadKnowledgeDir(dir);
  const { topics, anchors, anchorsEn } = loadOutOfScope(dir);
  const ids = new Set(entries.map((e) => e.id));
  for (const t of topics) if (ids.has(t.id)) throw new ContentError(OUT_OF_SCOPE_FILE, `id(${t.id})`, 'clashes with an entry id');
  return { entries, outOfScope: topics, anchors, anchorsEn };
}
