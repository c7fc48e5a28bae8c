/**
 * Groups the unanswered questions so that the same question typed with or without diacritics, in Telex, or
 * with a typo, is one group. Questions are compared on their folded, normalised form (the text layer already
 * removes diacritics, decodes Telex/VNI and expands abbreviations) by letter-pair similarity, which tolerates
 * a typo or two; wordings similar enough are linked into one group, whatever the order they came in.
 */
import type { Channel } from '../core/types.js';
import { normalizeText } from '../text/normalize.js';

export interface QueuedQuestion {
  id: number;
  text: string;
  channel: Channel;
  createdAt: number;
}

export interface QuestionGroup {
  /** The title: the wording with the most diacritics (the most readable), the most recent among equals. */
  text: string;
  ids: number[];
  /** Distinct wordings, most frequent first. */
  wordings: { text: string; count: number }[];
  count: number;
  firstSeen: number;
  lastSeen: number;
  channels: Channel[];
}

export const SIMILAR = 0.8;

function pairs(folded: string): Map<string, number> {
  const s = folded.replace(/\s+/g, ' ');
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < s.length; i++) {
    const p = s.slice(i, i + 2);
    out.set(p, (out.get(p) ?? 0) + 1);
  }
  return out;
}

/** Dice coefficient over letter pairs (with multiplicity), 0–1. */
export function similarity(a: Map<string, number>, b: Map<string, number>): number {
  let shared = 0;
  let total = 0;
  for (const n of a.values()) total += n;
  for (const n of b.values()) total += n;
  for (const [p, n] of a) shared += Math.min(n, b.get(p) ?? 0);
  return total === 0 ? 0 : (2 * shared) / total;
}

export function groupQuestions(questions: readonly QueuedQuestion[], threshold = SIMILAR): QuestionGroup[] {
  // Distinct folded forms, linked when similar (single linkage, so the order of arrival does not matter).
  const forms = new Map<string, QueuedQuestion[]>();
  for (const q of questions) {
    const folded = normalizeText(q.text).folded.join(' ');
    const list = forms.get(folded);
    if (list) list.push(q);
    else forms.set(folded, [q]);
  }
  const keys = [...forms.keys()];
  const bags = keys.map(pairs);
  const sizes = bags.map((b) => [...b.values()].reduce((a, n) => a + n, 0));
  const parent = keys.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < keys.length; i++) {
    for (let j = i + 1; j < keys.length; j++) {
      // Dice can only reach the threshold when the sizes are close enough.
      if ((2 * Math.min(sizes[i]!, sizes[j]!)) / (sizes[i]! + sizes[j]! || 1) < threshold) continue;
      if (find(i) !== find(j) && similarity(bags[i]!, bags[j]!) >= threshold) parent[find(i)] = find(j);
    }
  }
  const clusters = new Map<number, QueuedQuestion[]>();
  keys.forEach((k, i) => {
    const root = find(i);
    clusters.set(root, [...(clusters.get(root) ?? []), ...forms.get(k)!]);
  });
  const groups = [...clusters.values()].map((members) => ({ members: members.sort((a, b) => b.createdAt - a.createdAt || b.id - a.id) }));
  return groups
    .map(({ members }) => {
      const wordings = new Map<string, number>();
      for (const m of members) wordings.set(m.text, (wordings.get(m.text) ?? 0) + 1);
      const marks = (t: string) => t.normalize('NFD').replace(/[^\u0300-\u036f\u0111\u0110]/g, '').length;
      const title = members.reduce((best, m) => (marks(m.text) > marks(best.text) ? m : best), members[0]!);
      return {
        text: title.text,
        ids: members.map((m) => m.id),
        wordings: [...wordings].map(([text, count]) => ({ text, count })).sort((a, b) => b.count - a.count),
        count: members.length,
        firstSeen: Math.min(...members.map((m) => m.createdAt)),
        lastSeen: Math.max(...members.map((m) => m.createdAt)),
        channels: [...new Set(members.map((m) => m.channel))].sort(),
      };
    })
    .sort((a, b) => b.count - a.count || b.lastSeen - a.lastSeen);
}
