/**
 * Figures against their sources. knowledge/sources/*.yaml hold verbatim excerpts of the law texts behind the
 * entries (document, article, text). For each entry, the figures of its answer (amounts, percentages, counts of
 * days, months, years) are looked up in the excerpts of the articles its legal_basis cites; a figure found in
 * neither those excerpts nor a "# derived:" note beside the entry is listed for a reviewer. A listing, not a
 * verdict: a figure can be right and still worded differently in the law ("năm lần").
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { KnowledgeEntry } from '../schema.js';

const excerptFile = z.object({
  excerpts: z.array(
    z.object({ document: z.string().min(1), article: z.string().default(''), url: z.string().optional(), read_from: z.string().optional(), text: z.string().min(1) }).passthrough(),
  ),
});

export interface Excerpt {
  /** The document's number, e.g. "41/2024" (or its name when it has none). */
  document: string;
  /** The article number, e.g. "39". */
  article: string;
  text: string;
}

export interface UnsourcedFigure {
  entryId: string;
  figures: string[];
}

const DOC_NUMBER = /(\d{1,4})\/(\d{4})/;
const ARTICLE = /(?:Điều|Đ\.)\s*(\d{1,3})(?:\s*[–-]\s*(\d{1,3}))?/g;

/** The document key of a citation: its number ("41/2024"), else its text folded to a few words. */
export function documentKey(citation: string): string {
  const m = DOC_NUMBER.exec(citation);
  return m ? `${Number(m[1])}/${m[2]}` : citation.trim().toLowerCase().slice(0, 40);
}

/** The (document, article) pairs a legal basis cites: "Luật X số 41/2024/QH15, Điều 33–34; NĐ 188/2025, Điều 3". */
export function citedArticles(legalBasis: string): { document: string; article: string }[] {
  const out: { document: string; article: string }[] = [];
  let doc = '';
  for (const part of legalBasis.split(/[;(]/)) {
    if (DOC_NUMBER.test(part) || /luật|nghị định|nđ|bộ luật/i.test(part)) doc = documentKey(part);
    for (const m of part.matchAll(ARTICLE)) {
      const from = Number(m[1]);
      const to = m[2] ? Number(m[2]) : from;
      for (let a = from; a <= Math.min(to, from + 20); a++) out.push({ document: doc, article: String(a) });
    }
  }
  return out;
}

/** Loads every excerpt file in knowledge/sources (none is fine). */
export function loadExcerpts(knowledgeDir: string): Excerpt[] {
  const dir = join(knowledgeDir, 'sources');
  if (!existsSync(dir)) return [];
  const out: Excerpt[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) {
    const data = excerptFile.parse(parse(readFileSync(join(dir, f), 'utf8')));
    for (const e of data.excerpts) {
      const article = /(\d{1,3})/.exec(e.article)?.[1] ?? e.article;
      out.push({ document: documentKey(e.document), article, text: e.text });
    }
  }
  return out;
}

/** "2.530.000" → "2530000", "03" → "3", "1,5" → "1.5"; dates keep their day/month. */
function normalNumber(s: string): string {
  const plain = s.replace(/\.(?=\d{3}\b)/g, '').replace(',', '.');
  return String(Number(plain));
}

/** The figures of a text: numbers with a unit or a % sign, and amounts of at least four digits. */
export function figuresOf(text: string): string[] {
  const out = new Set<string>();
  const withUnit = /(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)\s*(%|phần trăm|lần|tháng|năm|ngày|tuổi|người|đồng|đ\b)/g;
  for (const m of text.matchAll(withUnit)) out.add(normalNumber(m[1]!));
  for (const m of text.matchAll(/\b\d{1,3}(?:\.\d{3})+\b/g)) out.add(normalNumber(m[0]));
  return [...out].filter((n) => n !== 'NaN');
}

/** Numbers written in a "# derived:" or other comment beside each entry in the raw file: entry id → numbers. */
export function derivedNotes(knowledgeDir: string): Map<string, Set<string>> {
  const notes = new Map<string, Set<string>>();
  for (const f of readdirSync(knowledgeDir).filter((n) => n.endsWith('.yaml'))) {
    let current: string | null = null;
    for (const line of readFileSync(join(knowledgeDir, f), 'utf8').split('\n')) {
      const id = /^\s*-\s*id:\s*([a-z0-9-]+)/.exec(line);
      if (id) current = id[1]!;
      const comment = line.indexOf('#');
      if (current && comment >= 0 && /derived|=|×/.test(line.slice(comment))) {
        const set = notes.get(current) ?? new Set<string>();
        for (const m of line.slice(comment).matchAll(/\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?/g)) set.add(normalNumber(m[0]));
        notes.set(current, set);
      }
    }
  }
  return notes;
}

/** Entries whose answer figures appear neither in the cited excerpts nor in a note; only entries with excerpts to check. */
export function unsourcedFigures(entries: readonly KnowledgeEntry[], excerpts: readonly Excerpt[], notes: Map<string, Set<string>>): UnsourcedFigure[] {
  const byArticle = new Map<string, string[]>();
  for (const e of excerpts) {
    const key = `${e.document}#${e.article}`;
    byArticle.set(key, [...(byArticle.get(key) ?? []), e.text]);
  }
  const out: UnsourcedFigure[] = [];
  for (const entry of entries) {
    const texts = citedArticles(entry.legal_basis).flatMap((c) => byArticle.get(`${c.document}#${c.article}`) ?? []);
    if (texts.length === 0) continue;
    const known = new Set([...figuresOf(texts.join('\n')), ...[...texts.join('\n').matchAll(/\d+(?:,\d+)?/g)].map((m) => normalNumber(m[0]))]);
    const noted = notes.get(entry.id) ?? new Set<string>();
    const missing = figuresOf(entry.answer).filter((f) => !known.has(f) && !noted.has(f) && !/^20\d\d$/.test(f));
    if (missing.length > 0) out.push({ entryId: entry.id, figures: missing });
  }
  return out;
}
