/**
 * The three retrievers compared over the same knowledge: this project's, plain default fuse.js (as the guide
 * specifies: keys [questions], includeScore), and MiniSearch (fuzzy 0.2, prefix) with a đ-aware term processor.
 * Each returns a ranked list with a score where higher is better, so one abstain rule fits all.
 */
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { createRetriever } from '../src/knowledge/retriever.js';
import { fold } from '../src/text/fold.js';

export interface Doc {
  id: string;
  questions: string[];
}

export interface Contender {
  name: string;
  /** Best entry id and a higher-is-better score, or null. */
  top(query: string): { id: string; score: number } | null;
}

export function ours(docs: Doc[], outOfScope: Doc[] = [], anchors: string[] = []): Contender {
  const r = createRetriever(docs, { outOfScope, anchors, decisionCache: 0 });
  return {
    name: 'this project',
    top(q) {
      const d = r.classify(q);
      if (d.kind === 'answer') return { id: d.match.id, score: d.match.score };
      if (d.kind === 'clarify') return { id: d.candidates[0]!.id, score: -1 }; // not an answer
      return null;
    },
  };
}

export function plainFuse(docs: Doc[]): Contender {
  const fuse = new Fuse(docs, { keys: ['questions'], includeScore: true });
  return {
    name: 'fuse.js (default)',
    top(q) {
      const [hit] = fuse.search(q, { limit: 1 });
      return hit ? { id: hit.item.id, score: 1 - (hit.score ?? 1) } : null;
    },
  };
}

const processTerm = (term: string) => fold(term.toLowerCase());

export function miniSearch(docs: Doc[]): Contender {
  const ms = new MiniSearch<{ id: string; text: string }>({ fields: ['text'], storeFields: [], processTerm });
  ms.addAll(docs.map((d) => ({ id: d.id, text: d.questions.join(' \n ') })));
  return {
    name: 'MiniSearch',
    top(q) {
      const [hit] = ms.search(q, { fuzzy: 0.2, prefix: true });
      return hit ? { id: String(hit.id), score: hit.score } : null;
    },
  };
}
